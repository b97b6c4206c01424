package org.ethercattle.store.lmdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.ethercattle.api.Batch;
import org.ethercattle.api.Cursor;
import org.ethercattle.api.Database;
import org.ethercattle.api.StoreException;
import org.ethercattle.api.Stores;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MDB_MAP_FULL handling: grow and retry, or fail cleanly leaving the store as it was. */
class LmdbMapGrowthTest {

    @TempDir
    Path dir;

    private static byte[] key(int batch, int i) {
        return ByteBuffer.allocate(8).putInt(batch).putInt(i).array();
    }

    private static byte[] value(int batch) {
        byte[] value = new byte[1000];
        ByteBuffer.wrap(value).putInt(batch);
        return value;
    }

    /** Writes batch {@code n}: 100 keys of ~1 KB each (~100 KB). */
    private static void writeBatch(Database db, int n) {
        try (Batch batch = db.newBatch()) {
            for (int i = 0; i < 100; i++) {
                batch.put(key(n, i), value(n));
            }
            batch.write();
        }
    }

    private static int countKeys(Database db) {
        int n = 0;
        try (Cursor c = db.cursor()) {
            while (c.next()) {
                n++;
            }
        }
        return n;
    }

    @Test
    @DisplayName("a store that starts with a 64 KiB map grows it and keeps every batch")
    void growsAndRetries() {
        String spec = "lmdb:" + dir.resolve("db") + "?mapSize=64k";
        try (Database db = Stores.open(spec)) {
            long initial = ((LmdbDatabase) db).mapSize();
            for (int n = 0; n < 40; n++) { // ~4 MB through a 64 KiB map
                writeBatch(db, n);
            }
            assertThat(((LmdbDatabase) db).mapSize()).isGreaterThan(initial * 32);
            assertThat(countKeys(db)).isEqualTo(4000);
        }
        try (Database db = Stores.open(spec)) {
            assertThat(countKeys(db)).isEqualTo(4000);
            assertThat(db.get(key(39, 99))).isEqualTo(value(39));
        }
    }

    @Test
    @DisplayName("additive growth (mapGrowth=128k) also makes room")
    void additiveGrowth() {
        try (Database db = Stores.open("lmdb:" + dir.resolve("db") + "?mapSize=64k&mapGrowth=128k")) {
            for (int n = 0; n < 10; n++) {
                writeBatch(db, n);
            }
            assertThat(countKeys(db)).isEqualTo(1000);
            assertThat(((LmdbDatabase) db).mapSize() % (128 * 1024)).isEqualTo(64 * 1024);
        }
    }

    @Test
    @DisplayName("at mapSizeMax the write fails naming mapSizeMax, nothing of it is stored, and the store reopens")
    void fullAtMax() {
        String spec = "lmdb:" + dir.resolve("db") + "?mapSize=64k&mapSizeMax=1m";
        int written = 0;
        try (Database db = Stores.open(spec)) {
            StoreException failure = null;
            for (int n = 0; n < 100 && failure == null; n++) {
                try {
                    writeBatch(db, n);
                    written++;
                } catch (StoreException e) {
                    failure = e;
                }
            }
            assertThat(failure).isNotNull();
            assertThat(failure.getMessage()).contains("mapSizeMax").contains("is full").contains(dir.toString());
            assertThat(written).isPositive();
            assertThat(countKeys(db)).isEqualTo(written * 100);
            assertThat(db.has(key(written, 0))).isFalse();
            // Reads and small deletes still work in the full store.
            assertThat(db.get(key(0, 0))).isEqualTo(value(0));
        }
        try (Database db = Stores.open(spec)) {
            assertThat(countKeys(db)).isEqualTo(written * 100);
            assertThat(db.get(key(written - 1, 99))).isEqualTo(value(written - 1));
        }
        // Raising the limit, as the message says, lets writing continue.
        try (Database db = Stores.open("lmdb:" + dir.resolve("db") + "?mapSize=64k&mapSizeMax=8m")) {
            writeBatch(db, written);
            assertThat(countKeys(db)).isEqualTo((written + 1) * 100);
        }
    }

    @Test
    @DisplayName("growth waits for open cursors; one that stays open makes the write fail clearly, not hang")
    void growthBlockedByOpenCursor() {
        try (Database db = Stores.open("lmdb:" + dir.resolve("db") + "?mapSize=64k&growWait=200ms")) {
            writeBatch(db, 0);
            try (Cursor pinned = db.cursor()) {
                assertThat(pinned.next()).isTrue();
                assertThatThrownBy(() -> {
                    for (int n = 1; n < 20; n++) {
                        writeBatch(db, n);
                    }
                }).isInstanceOf(StoreException.class).hasMessageContaining("open cursor")
                        .hasMessageContaining("mapSize");
                assertThat(pinned.key()).isEqualTo(key(0, 0));
            }
            // Once the cursor is closed the map grows and writing goes on.
            for (int n = 1; n < 20; n++) {
                writeBatch(db, n);
            }
            assertThat(countKeys(db)).isEqualTo(2000);
        }
    }

    @Test
    @DisplayName("an exhausted cursor no longer pins the map")
    void exhaustedCursorDoesNotPin() {
        try (Database db = Stores.open("lmdb:" + dir.resolve("db") + "?mapSize=64k&growWait=1ms")) {
            writeBatch(db, 0);
            try (Cursor c = db.cursor()) {
                while (c.next()) {
                    // drain
                }
                for (int n = 1; n < 20; n++) {
                    writeBatch(db, n);
                }
            }
            assertThat(countKeys(db)).isEqualTo(2000);
        }
    }
}
