package org.ethercattle.store.layered;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.ethercattle.api.Batch;
import org.ethercattle.api.Cursor;
import org.ethercattle.api.Database;
import org.ethercattle.api.ReservedKeys;
import org.ethercattle.api.Stores;
import org.ethercattle.tck.KeyValue;
import org.ethercattle.tck.ReferenceModel;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property test: seeded random sequences of puts, deletes, batches (some with deletes of bottom keys),
 * reads, cursors and reopenings against a layered store whose bottom was filled first, compared at every
 * step with the TCK's {@link ReferenceModel} holding what the bottom held. Keys come from a six-byte
 * alphabet and are at most three bytes, so top keys, bottom keys, tombstones, equal keys and prefixes of
 * one another meet all the time; a few reserved keys (a checkpoint) live in the bottom too.
 *
 * <p>A failure names the layers, the seed and the step, so the sequence replays exactly.
 */
class LayeredModelTest {

    private static final byte[] ALPHABET = {0x00, 0x01, 0x7F, (byte) 0x80, (byte) 0xFE, (byte) 0xFF};
    private static final int STEPS = 2500;

    @TempDir
    Path dir;

    static Stream<Arguments> layersAndSeeds() {
        List<Arguments> cases = new ArrayList<>();
        for (long seed = 1; seed <= 4; seed++) {
            cases.add(Arguments.of("memory over memory", (Function<Path, String[]>) d -> new String[] {
                "memory:" + d.resolve("top"), "memory:" + d.resolve("bottom")}, seed));
        }
        for (long seed = 1; seed <= 2; seed++) {
            cases.add(Arguments.of("rocksdb over rocksdb", (Function<Path, String[]>) d -> new String[] {
                "rocksdb:" + d.resolve("top"), "rocksdb:" + d.resolve("bottom")}, seed));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}, seed {2}")
    @MethodSource("layersAndSeeds")
    void layeredStoreAnswersLikeTheReferenceModel(String name, Function<Path, String[]> layers, long seed) {
        String[] specs = layers.apply(dir);
        Random random = new Random(seed);
        ReferenceModel model = new ReferenceModel();
        try (Database bottom = Stores.open(specs[1])) {
            for (int i = 0; i < 150; i++) {
                byte[] key = randomKey(random);
                byte[] value = randomValue(random);
                bottom.put(key, value);
                model.put(key, value);
            }
            byte[] checkpoint = ReservedKeys.key("checkpoint/model");
            bottom.put(checkpoint, new byte[] {42});
            model.put(checkpoint, new byte[] {42});
        }
        String spec = new LayerSpecs(specs[0], specs[1]).toSpec();
        Run run = new Run(name, seed, random, model, Stores.open(spec));
        try {
            for (run.step = 0; run.step < STEPS; run.step++) {
                if (random.nextInt(200) == 0) {
                    run.operation = "close and reopen";
                    run.store.close();
                    run.store = Stores.open(spec);
                    continue;
                }
                run.one();
            }
            run.operation = "final full comparison";
            run.compareCursor(new byte[0], new byte[0]);
        } finally {
            run.store.close();
        }
    }

    /** One random run: the store, the model, and where it is for failure messages. */
    private static final class Run {
        final String name;
        final long seed;
        final Random random;
        final ReferenceModel model;
        Database store;
        int step;
        String operation = "start";

        Run(String name, long seed, Random random, ReferenceModel model, Database store) {
            this.name = name;
            this.seed = seed;
            this.random = random;
            this.model = model;
            this.store = store;
        }

        void one() {
            int dice = random.nextInt(100);
            if (dice < 30) {
                byte[] key = randomKey(random);
                byte[] value = randomValue(random);
                operation = "put(" + KeyValue.hex(key) + ", " + KeyValue.hex(value) + ")";
                store.put(key, value);
                model.put(key, value);
                compareRead(key);
            } else if (dice < 50) {
                byte[] key = randomKey(random);
                operation = "delete(" + KeyValue.hex(key) + ")";
                store.delete(key);
                model.delete(key);
                compareRead(key);
            } else if (dice < 62) {
                byte[] key = randomKey(random);
                operation = "get/has(" + KeyValue.hex(key) + ")";
                compareRead(key);
            } else if (dice < 77) {
                batch();
            } else {
                byte[] prefix = randomBytes(random, random.nextInt(3));
                byte[] start = randomBytes(random, random.nextInt(3));
                operation = "cursor(" + KeyValue.hex(prefix) + ", " + KeyValue.hex(start) + ")";
                compareCursor(prefix, start);
            }
        }

        void batch() {
            List<byte[][]> ops = new ArrayList<>();
            try (Batch batch = store.newBatch()) {
                int count = 1 + random.nextInt(8);
                for (int i = 0; i < count; i++) {
                    byte[] key = randomKey(random);
                    if (random.nextInt(3) == 0) {
                        batch.delete(key);
                        ops.add(new byte[][] {key, null});
                    } else {
                        byte[] value = randomValue(random);
                        batch.put(key, value);
                        ops.add(new byte[][] {key, value});
                    }
                }
                operation = "batch of " + ops.size();
                batch.write();
            }
            for (byte[][] op : ops) {
                if (op[1] == null) {
                    model.delete(op[0]);
                } else {
                    model.put(op[0], op[1]);
                }
            }
            for (byte[][] op : ops) {
                compareRead(op[0]);
            }
        }

        void compareRead(byte[] key) {
            assertThat(store.get(key)).as(where() + ": get(" + KeyValue.hex(key) + ")").isEqualTo(model.get(key));
            assertThat(store.has(key)).as(where() + ": has(" + KeyValue.hex(key) + ")").isEqualTo(model.has(key));
        }

        void compareCursor(byte[] prefix, byte[] start) {
            List<KeyValue> actual;
            try (Cursor cursor = store.cursor(prefix, start)) {
                actual = KeyValue.drain(cursor);
            }
            assertThat(actual).as(where()).containsExactlyElementsOf(model.cursor(prefix, start));
        }

        String where() {
            return name + ", seed " + seed + ", step " + step + " (" + operation + ")";
        }
    }

    private static byte[] randomKey(Random random) {
        return randomBytes(random, random.nextInt(4));
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return bytes;
    }

    private static byte[] randomValue(Random random) {
        byte[] value = new byte[random.nextInt(6)];
        random.nextBytes(value);
        return value;
    }
}
