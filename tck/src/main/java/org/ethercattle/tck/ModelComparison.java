package org.ethercattle.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.ethercattle.api.Batch;
import org.ethercattle.api.Cursor;
import org.ethercattle.api.Database;
import org.ethercattle.api.record.Op;

/**
 * Runs a seeded random sequence of puts, deletes, batches (some reset before writing), reads and
 * cursors against a store and against the {@link ReferenceModel}, comparing every answer. Keys come
 * from a six-byte alphabet ({@code 00 01 7F 80 FE FF}) and are at most three bytes long, so overwrites,
 * deletes of present keys and keys that are prefixes of others happen all the time.
 * {@link DatabaseTck} runs it over {@link #seeds()}; an adapter may run it in its own tests too.
 *
 * <h2>Replaying a failure</h2>
 * The sequence depends on the seed alone, so a seed replays exactly. A mismatch fails with the seed, the
 * step and the operation, e.g. {@code seed 2, step 200 (delete(0xff)): get(0xff)}, followed by how to
 * replay it. Either
 * <ul>
 *   <li>run the adapter's {@code DatabaseTck} subclass with the system property {@value #SEED_PROPERTY}
 *       set to the seed ({@code mvn test -pl my-store -Dtest=MyStoreDatabaseTckTest -Dcattle.tck.seed=2}):
 *       the model test then runs that seed only, or</li>
 *   <li>call {@code new ModelComparison(store, seed, emptyKeys).run(steps)} on a fresh, empty store in a
 *       test of your own (in a debugger, say) with the seed and at least the failing step + 1 as
 *       {@code steps}: the first {@code n} steps are the same whatever {@code steps} is.</li>
 * </ul>
 *
 * <p>Not thread-safe: one comparison runs on one thread, and nothing else may write the store meanwhile.
 */
public final class ModelComparison {

    /** The system property that, when set to a seed (a {@code long}), makes {@link #seeds()} that seed alone. */
    public static final String SEED_PROPERTY = "cattle.tck.seed";

    /** The steps {@link DatabaseTck} runs per seed. */
    public static final int DEFAULT_STEPS = 3000;

    /** The seeds {@link DatabaseTck} runs when {@value #SEED_PROPERTY} is not set. */
    private static final long[] DEFAULT_SEEDS = {1, 2, 3, 20240601, -7};

    private static final byte[] ALPHABET = Bytes.of(0x00, 0x01, 0x7F, 0x80, 0xFE, 0xFF);

    private final Database store;
    private final ReferenceModel model = new ReferenceModel();
    private final Random random;
    private final long seed;
    private final boolean emptyKeys;
    private int step;
    private String operation = "start";

    /**
     * A comparison of {@code store}, which must be open and empty, with a fresh reference model.
     *
     * @param seed      the seed of the random sequence; the same seed gives the same sequence
     * @param emptyKeys whether to draw the empty key too ({@link StoreCapabilities#emptyKeys()})
     */
    public ModelComparison(Database store, long seed, boolean emptyKeys) {
        this.store = store;
        this.seed = seed;
        this.random = new Random(seed);
        this.emptyKeys = emptyKeys;
    }

    /**
     * The seeds to run: the one {@value #SEED_PROPERTY} names when it is set, else five fixed seeds.
     *
     * @throws IllegalArgumentException if the property is set but is not a whole number
     */
    public static LongStream seeds() {
        String chosen = System.getProperty(SEED_PROPERTY);
        if (chosen == null || chosen.isBlank()) {
            return LongStream.of(DEFAULT_SEEDS);
        }
        try {
            return LongStream.of(Long.parseLong(chosen.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("system property " + SEED_PROPERTY + " is '" + chosen
                    + "'; set it to a seed from a failure message (a whole number), or unset it to run the fixed seeds", e);
        }
    }

    /**
     * Runs {@code steps} random operations, then compares the whole keyspace.
     *
     * @throws AssertionError at the first answer that differs from the model's (or the first exception the
     *                        store throws), naming the seed, the step and the operation, and how to replay it
     */
    public void run(int steps) {
        try {
            for (step = 0; step < steps; step++) {
                try {
                    runOne();
                } catch (RuntimeException e) {
                    throw new AssertionError(where() + " threw " + e, e);
                }
            }
            operation = "final full comparison";
            compareCursor(new byte[0], new byte[0]);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + replayHint(steps), e);
        }
    }

    private String replayHint(int steps) {
        return "replay exactly this sequence: run the DatabaseTck subclass with -D" + SEED_PROPERTY + "=" + seed
                + ", or new ModelComparison(store, " + seed + "L, " + emptyKeys + ").run(" + steps
                + ") on a fresh store";
    }

    private void runOne() {
        int dice = random.nextInt(100);
        if (dice < 35) {
            byte[] key = randomKey();
            byte[] value = randomValue();
            operation = "put(" + KeyValue.hex(key) + ", " + KeyValue.hex(value) + ")";
            store.put(key, value);
            model.put(key, value);
            compareRead(key);
        } else if (dice < 50) {
            byte[] key = randomKey();
            operation = "delete(" + KeyValue.hex(key) + ")";
            store.delete(key);
            model.delete(key);
            compareRead(key);
        } else if (dice < 65) {
            byte[] key = randomKey();
            operation = "get/has(" + KeyValue.hex(key) + ")";
            compareRead(key);
        } else if (dice < 80) {
            runBatch();
        } else {
            byte[] prefix = randomBytes(random.nextInt(3));
            byte[] start = randomBytes(random.nextInt(3));
            operation = "cursor(" + KeyValue.hex(prefix) + ", " + KeyValue.hex(start) + ")";
            compareCursor(prefix, start);
        }
    }

    private void runBatch() {
        List<Op> ops = new ArrayList<>();
        operation = "batch";
        try (Batch batch = store.newBatch()) {
            if (random.nextInt(5) == 0) {
                queue(batch, ops, 1 + random.nextInt(4));
                operation = "batch with reset, dropping " + ops;
                batch.reset();
                ops.clear();
            }
            queue(batch, ops, 1 + random.nextInt(8));
            operation = "batch " + ops;
            long expectedSize = 0;
            for (Op op : ops) {
                expectedSize += op.byteSize();
            }
            assertThat(batch.count()).as(where() + ": count()").isEqualTo(ops.size());
            assertThat(batch.valueSize()).as(where() + ": valueSize()").isEqualTo(expectedSize);
            batch.write();
        }
        for (Op op : ops) {
            if (op.type() == Op.Type.PUT) {
                model.put(op.key(), op.value());
            } else {
                model.delete(op.key());
            }
        }
        for (Op op : ops) {
            compareRead(op.key());
        }
    }

    private void queue(Batch batch, List<Op> ops, int count) {
        for (int i = 0; i < count; i++) {
            byte[] key = randomKey();
            if (random.nextInt(4) == 0) {
                batch.delete(key);
                ops.add(Op.delete(key));
            } else {
                byte[] value = randomValue();
                batch.put(key, value);
                ops.add(Op.put(key, value));
            }
        }
    }

    private void compareRead(byte[] key) {
        assertThat(store.get(key)).as(where() + ": get(" + KeyValue.hex(key) + ")").isEqualTo(model.get(key));
        assertThat(store.has(key)).as(where() + ": has(" + KeyValue.hex(key) + ")").isEqualTo(model.has(key));
    }

    private void compareCursor(byte[] prefix, byte[] start) {
        List<KeyValue> actual;
        try (Cursor cursor = store.cursor(prefix, start)) {
            actual = KeyValue.drain(cursor);
        }
        assertThat(actual)
                .as(where() + ": cursor(" + KeyValue.hex(prefix) + ", " + KeyValue.hex(start) + ")")
                .containsExactlyElementsOf(model.cursor(prefix, start));
    }

    private byte[] randomKey() {
        int length = emptyKeys ? random.nextInt(4) : 1 + random.nextInt(3);
        return randomBytes(length);
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return bytes;
    }

    private byte[] randomValue() {
        return Bytes.random(random, random.nextInt(9));
    }

    private String where() {
        return "seed " + seed + ", step " + step + " (" + operation + ")";
    }
}
