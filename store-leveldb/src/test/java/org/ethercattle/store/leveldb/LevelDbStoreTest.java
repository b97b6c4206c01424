package org.ethercattle.store.leveldb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.ethercattle.api.Batch;
import org.ethercattle.api.Cursor;
import org.ethercattle.api.Database;
import org.ethercattle.api.Stores;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LevelDB-specific behaviour of reads, writes, ordering and sizes that the generic TCK does not stress. */
class LevelDbStoreTest {

    @TempDir
    Path dir;

    private Database open() {
        return Stores.open("leveldb:" + dir.resolve("db") + "?writeBufferSize=1m");
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static List<byte[]> keys(Cursor cursor) {
        List<byte[]> out = new ArrayList<>();
        try (cursor) {
            while (cursor.next()) {
                out.add(cursor.key());
            }
        }
        return out;
    }

    @Test
    @DisplayName("the provider is found by its scheme and opens a LevelDbDatabase")
    void providerIsRegistered() {
        assertThat(Stores.available()).containsKey("leveldb");
        try (Database db = open()) {
            assertThat(db).isInstanceOf(LevelDbDatabase.class);
        }
    }

    @Test
    @DisplayName("keys with 0x00 and 0xFF bytes sort in unsigned order, prefixes first")
    void unsignedOrderWithExtremeBytes() {
        List<byte[]> expected = List.of(bytes(), bytes(0x00), bytes(0x00, 0x00), bytes(0x00, 0xFF), bytes(0x7F),
                bytes(0x80), bytes(0xFF), bytes(0xFF, 0x00), bytes(0xFF, 0xFF), bytes(0xFF, 0xFF, 0xFF));
        try (Database db = open()) {
            List<byte[]> shuffled = new ArrayList<>(expected);
            java.util.Collections.shuffle(shuffled, new Random(7));
            for (byte[] key : shuffled) {
                db.put(key, key);
            }
            assertThat(keys(db.cursor())).containsExactlyElementsOf(expected);
            assertThat(keys(db.cursor(bytes(0xFF), new byte[0])))
                    .containsExactly(bytes(0xFF), bytes(0xFF, 0x00), bytes(0xFF, 0xFF), bytes(0xFF, 0xFF, 0xFF));
            assertThat(keys(db.cursor(bytes(0xFF, 0xFF), bytes(0xFF))))
                    .containsExactly(bytes(0xFF, 0xFF, 0xFF));
            assertThat(keys(db.cursor(bytes(0x00), bytes(0x01)))).containsExactly(bytes(0x00, 0xFF));
            assertThat(keys(db.cursor(bytes(0x01), new byte[0]))).isEmpty();
        }
    }

    @Test
    @DisplayName("the empty key and the empty value are stored and told apart from absence")
    void emptyKeyAndValue() {
        try (Database db = open()) {
            assertThat(db.get(new byte[0])).isNull();
            assertThat(db.has(new byte[0])).isFalse();
            db.put(new byte[0], new byte[0]);
            assertThat(db.get(new byte[0])).isEmpty();
            assertThat(db.has(new byte[0])).isTrue();
            db.delete(new byte[0]);
            assertThat(db.has(new byte[0])).isFalse();
        }
    }

    @Test
    @DisplayName("a 16 MiB value survives put, batch, cursor and reopen byte for byte")
    void sixteenMebibyteValue() {
        byte[] big = new byte[16 << 20];
        new Random(16).nextBytes(big);
        try (Database db = open()) {
            db.put(bytes(1), big);
            try (Batch batch = db.newBatch()) {
                batch.put(bytes(2), big);
                batch.write();
            }
            assertThat(Arrays.equals(db.get(bytes(1)), big)).isTrue();
            try (Cursor cursor = db.cursor(bytes(2), new byte[0])) {
                assertThat(cursor.next()).isTrue();
                assertThat(Arrays.equals(cursor.value(), big)).isTrue();
                assertThat(cursor.next()).isFalse();
            }
        }
        try (Database db = open()) {
            assertThat(Arrays.equals(db.get(bytes(1)), big)).isTrue();
            assertThat(Arrays.equals(db.get(bytes(2)), big)).isTrue();
        }
    }

    @Test
    @DisplayName("arrays passed in may be reused and arrays handed out are the caller's own")
    void copiesInAndOut() {
        try (Database db = open()) {
            byte[] key = bytes(1, 2);
            byte[] value = bytes(3, 4);
            db.put(key, value);
            try (Batch batch = db.newBatch()) {
                byte[] batchKey = bytes(5);
                byte[] batchValue = bytes(6);
                batch.put(batchKey, batchValue);
                batchKey[0] = 9;
                batchValue[0] = 9;
                batch.write();
            }
            key[0] = 0;
            value[0] = 0;
            assertThat(db.get(bytes(1, 2))).containsExactly(3, 4);
            assertThat(db.get(bytes(5))).containsExactly(6);
            assertThat(db.get(bytes(9))).isNull();
            db.get(bytes(1, 2))[0] = 7;
            assertThat(db.get(bytes(1, 2))).containsExactly(3, 4);
            try (Cursor cursor = db.cursor()) {
                assertThat(cursor.next()).isTrue();
                cursor.key()[0] = 7;
                cursor.value()[0] = 7;
                assertThat(cursor.key()).containsExactly(1, 2);
                assertThat(cursor.value()).containsExactly(3, 4);
            }
        }
    }

    @Test
    @DisplayName("a cursor keeps the view of its creation while writes and batches land")
    void cursorViewIsFixedAtCreation() {
        try (Database db = open()) {
            for (int i = 0; i < 100; i++) {
                db.put(bytes(1, i), bytes(i));
            }
            try (Cursor cursor = db.cursor(bytes(1), new byte[0])) {
                assertThat(cursor.next()).isTrue();
                try (Batch batch = db.newBatch()) {
                    for (int i = 0; i < 100; i++) {
                        batch.put(bytes(1, i), bytes(0xEE));
                        batch.put(bytes(1, i, 0), bytes(0xEE));
                    }
                    batch.write();
                }
                db.delete(bytes(1, 50));
                int seen = 0;
                do {
                    assertThat(cursor.value()).doesNotContain((byte) 0xEE);
                    assertThat(cursor.key()).hasSize(2);
                    seen++;
                } while (cursor.next());
                assertThat(seen).as("keys seen, the deleted one included").isEqualTo(100);
            }
            assertThat(db.get(bytes(1, 7))).containsExactly(0xEE);
        }
    }

    @Test
    @DisplayName("a batch applies in order (last write wins), can be written twice, replays and resets")
    void batchSemantics() {
        try (Database db = open(); Batch batch = db.newBatch()) {
            batch.put(bytes(1), bytes(1));
            batch.delete(bytes(1));
            batch.put(bytes(2), bytes(2));
            batch.put(bytes(2), bytes(3));
            assertThat(batch.count()).isEqualTo(4);
            assertThat(batch.valueSize()).isEqualTo(2 + 1 + 2 + 2);
            assertThat(db.has(bytes(2))).isFalse();
            batch.write();
            assertThat(db.has(bytes(1))).isFalse();
            assertThat(db.get(bytes(2))).containsExactly(3);
            db.put(bytes(2), bytes(9));
            batch.write();
            assertThat(db.get(bytes(2))).containsExactly(3);

            List<String> replayed = new ArrayList<>();
            batch.replay(new org.ethercattle.api.KeyValueWriter() {
                @Override
                public void put(byte[] key, byte[] value) {
                    replayed.add("put " + key[0] + "=" + value[0]);
                }

                @Override
                public void delete(byte[] key) {
                    replayed.add("delete " + key[0]);
                }
            });
            assertThat(replayed).containsExactly("put 1=1", "delete 1", "put 2=2", "put 2=3");
            batch.reset();
            assertThat(batch.count()).isZero();
            assertThat(batch.valueSize()).isZero();
            batch.write();
            assertThat(db.get(bytes(2))).containsExactly(3);
        }
    }
}
