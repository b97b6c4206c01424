package org.ethercattle.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ethercattle.api.Batch;
import org.ethercattle.api.Cursor;
import org.ethercattle.api.Database;
import org.ethercattle.api.record.Op;

/**
 * Runs a seeded random sequence of puts, deletes, batches (some reset before writing), reads and
 * cursors against a store and against the {@link ReferenceModel}, comparing every answer. Keys come
 * from a six-byte alphabet ({@code 00 01 7F 80 FE FF}) and are at most three bytes long, so overwrites,
 * deletes of present keys and keys that are prefixes of others happen all the time.
 *
 * <p>A mismatch fails with the seed and the step, so {@code new ModelComparison(db, seed, ...)} replays
 * exactly the same sequence.
 */
final class ModelComparison {

    private static final byte[] ALPHABET = Bytes.of(0x00, 0x01, 0x7F, 0x80, 0xFE, 0xFF);

    private final Database store;
    private final ReferenceModel model = new ReferenceModel();
    private final Random random;
    private final long seed;
    private final boolean emptyKeys;
    private int step;
    private String operation = "start";

    ModelComparison(Database store, long seed, boolean emptyKeys) {
        this.store = store;
        this.seed = seed;
        this.random = new Random(seed);
        this.emptyKeys = emptyKeys;
    }

    /** Runs {@code steps} random operations, then compares the whole keyspace. */
    void run(int steps) {
        for (step = 0; step < steps; step++) {
            try {
                runOne();
            } catch (RuntimeException e) {
                throw new AssertionError(where() + " threw " + e, e);
            }
        }
        operation = "final full comparison";
        compareCursor(new byte[0], new byte[0]);
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
