package org.ethercattle.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.ethercattle.api.Batch;
import org.ethercattle.api.Cursor;
import org.ethercattle.api.Database;
import org.ethercattle.api.KeyValueWriter;
import org.ethercattle.api.Stores;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyOrderTest {

    /** One queued op: value null for a delete. */
    private record Queued(byte[] key, byte[] value) {}

    @Test
    @DisplayName("a batch is handed to RocksDB stably sorted by unsigned key: equal keys keep their queued order")
    void sortsStablyByUnsignedKey() {
        List<Queued> queued = randomOps(new Random(7), 3000);
        WriteBatchBuffer buffer = new WriteBatchBuffer();
        queue(queued, buffer);

        WriteBatchBuffer parsed = parse(buffer.serializedInKeyOrder());
        List<Queued> expected = new ArrayList<>(queued);
        expected.sort(Comparator.comparing(Queued::key, Arrays::compareUnsigned)); // List.sort is stable
        assertThat(ops(parsed)).usingElementComparator(KeyOrderTest::compareQueued).containsExactlyElementsOf(expected);
        assertThat(ops(buffer)).usingElementComparator(KeyOrderTest::compareQueued)
                .as("the batch itself keeps its queued order for replay()").containsExactlyElementsOf(queued);
    }

    @Test
    @DisplayName("geth-shaped keys sort stably too: random hashes, keys sharing a first byte, keys whose first"
            + " eight bytes are equal, keys shorter than eight bytes, and repeats of each")
    void sortsGethShapedKeysStably() {
        Random random = new Random(13);
        List<Queued> queued = new ArrayList<>();
        List<byte[]> keys = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            byte[] key = switch (random.nextInt(5)) {
                case 0 -> randomBytes(random, 32); // a trie node's hash
                case 1 -> concat(new byte[] {'a'}, randomBytes(random, 32)); // one shared first byte
                case 2 -> concat("h\0\0\0\0\0\0\1".getBytes(StandardCharsets.ISO_8859_1),
                        randomBytes(random, 1 + random.nextInt(40))); // eight equal bytes, then anything
                case 3 -> randomBytes(random, random.nextInt(8)); // shorter than the eight-byte prefix
                default -> keys.isEmpty() ? new byte[0] : keys.get(random.nextInt(keys.size())); // a repeat
            };
            keys.add(key);
            byte[] value = randomBytes(random, 1 + random.nextInt(100));
            queued.add(new Queued(key, random.nextInt(10) == 0 ? null : value));
        }
        WriteBatchBuffer buffer = new WriteBatchBuffer();
        queue(queued, buffer);

        List<Queued> expected = new ArrayList<>(queued);
        expected.sort(Comparator.comparing(Queued::key, Arrays::compareUnsigned)); // List.sort is stable
        assertThat(ops(parse(buffer.serializedInKeyOrder()))).usingElementComparator(KeyOrderTest::compareQueued)
                .containsExactlyElementsOf(expected);
    }

    @Test
    @DisplayName("a sorted batch leaves the store exactly as its queued order would: the last write to a key wins")
    void sortedBatchHasTheQueuedEffect(@TempDir Path dir) {
        List<Queued> queued = randomOps(new Random(11), 5000);
        Map<String, byte[]> model = new TreeMap<>();
        for (Queued op : queued) {
            if (op.value() == null) {
                model.remove(Arrays.toString(op.key()));
            } else {
                model.put(Arrays.toString(op.key()), op.value());
            }
        }
        try (Database db = Stores.open("rocksdb:" + dir.resolve("db") + "?wal=false")) {
            try (Batch batch = db.newBatch()) {
                for (Queued op : queued) {
                    if (op.value() == null) {
                        batch.delete(op.key());
                    } else {
                        batch.put(op.key(), op.value());
                    }
                }
                batch.write();
            }
            Map<String, byte[]> stored = new TreeMap<>();
            try (Cursor cursor = db.cursor()) {
                while (cursor.next()) {
                    stored.put(Arrays.toString(cursor.key()), cursor.value());
                }
            }
            assertThat(stored.keySet()).isEqualTo(model.keySet());
            for (Map.Entry<String, byte[]> e : model.entrySet()) {
                assertThat(stored.get(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
            }
        }
    }

    @Test
    @DisplayName("short and already sorted batches come out byte for byte as queued")
    void shortOrSortedBatchesUnchanged() {
        WriteBatchBuffer few = new WriteBatchBuffer();
        few.put(new byte[] {9}, new byte[] {1});
        few.put(new byte[] {1}, new byte[] {2});
        assertThat(few.serializedInKeyOrder()).isEqualTo(few.serialized());

        WriteBatchBuffer inOrder = new WriteBatchBuffer();
        for (int i = 0; i < 100; i++) {
            inOrder.put(new byte[] {(byte) (i >> 8), (byte) i}, new byte[] {(byte) i});
        }
        assertThat(inOrder.serializedInKeyOrder()).isEqualTo(inOrder.serialized());
    }

    /** Short keys with shared prefixes, 0xFF bytes, the empty key, and many repeats of each key. */
    private static List<Queued> randomOps(Random random, int n) {
        List<Queued> ops = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int length = random.nextInt(12);
            byte[] key = new byte[length];
            for (int b = 0; b < length; b++) {
                key[b] = (byte) (random.nextBoolean() ? random.nextInt(3) : 0xFF - random.nextInt(2));
            }
            if (random.nextInt(5) == 0) {
                ops.add(new Queued(key, null));
            } else {
                byte[] value = new byte[random.nextInt(40)];
                random.nextBytes(value);
                ops.add(new Queued(key, value));
            }
        }
        return ops;
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static void queue(List<Queued> ops, WriteBatchBuffer buffer) {
        for (Queued op : ops) {
            if (op.value() == null) {
                buffer.delete(op.key());
            } else {
                buffer.put(op.key(), op.value());
            }
        }
    }

    /** Reads serialized bytes back through the buffer's own parser. */
    private static WriteBatchBuffer parse(byte[] serialized) {
        WriteBatchBuffer out = new WriteBatchBuffer();
        int at = 12;
        while (at < serialized.length) {
            byte tag = serialized[at++];
            int[] cursor = {at};
            byte[] key = read(serialized, cursor);
            if (tag == WriteBatchBuffer.TAG_PUT) {
                out.put(key, read(serialized, cursor));
            } else {
                out.delete(key);
            }
            at = cursor[0];
        }
        return out;
    }

    private static byte[] read(byte[] bytes, int[] cursor) {
        int length = 0;
        int shift = 0;
        byte b;
        do {
            b = bytes[cursor[0]++];
            length |= (b & 0x7F) << shift;
            shift += 7;
        } while (b < 0);
        byte[] out = Arrays.copyOfRange(bytes, cursor[0], cursor[0] + length);
        cursor[0] += length;
        return out;
    }

    private static List<Queued> ops(WriteBatchBuffer buffer) {
        List<Queued> out = new ArrayList<>();
        buffer.replay(new KeyValueWriter() {
            @Override
            public void put(byte[] key, byte[] value) {
                out.add(new Queued(key, value));
            }

            @Override
            public void delete(byte[] key) {
                out.add(new Queued(key, null));
            }
        });
        return out;
    }

    private static int compareQueued(Queued a, Queued b) {
        int c = Arrays.compare(a.key(), b.key());
        return c != 0 ? c : Arrays.equals(a.value(), b.value()) ? 0 : 1;
    }
}
