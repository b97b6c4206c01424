package org.ethercattle.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.ethercattle.api.Batch;
import org.ethercattle.api.Checkpointable;
import org.ethercattle.api.Cursor;
import org.ethercattle.api.Database;
import org.ethercattle.api.ReadOnlyException;
import org.ethercattle.api.StoreClosedException;
import org.ethercattle.api.StoreException;
import org.ethercattle.api.Stores;
import org.ethercattle.api.spi.OpenMode;
import org.ethercattle.tck.ChildJvm;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksDbDatabaseTest {

    @TempDir
    Path dir;

    private String spec(String name) {
        return "rocksdb:" + dir.resolve(name);
    }

    @Test
    @DisplayName("the provider is found by scheme and opens a checkpointable RocksDbDatabase")
    void providerIsRegistered() {
        assertThat(Stores.available()).containsKey("rocksdb");
        try (Database db = Stores.open(spec("db"))) {
            assertThat(db).isInstanceOf(RocksDbDatabase.class).isInstanceOf(Checkpointable.class);
            assertThat(((RocksDbDatabase) db).path()).isEqualTo(dir.resolve("db").toAbsolutePath());
        }
        assertThat(dir.resolve("db").resolve("CURRENT")).exists();
    }

    @Test
    @DisplayName("a second open of a store that is open read-write fails, saying its LOCK is held")
    void secondOpenInTheSameProcessIsRefused() {
        try (Database first = Stores.open(spec("db"))) {
            first.put(utf8("k"), utf8("v"));
            assertThatThrownBy(() -> Stores.open(spec("db")))
                    .isInstanceOf(StoreException.class)
                    .hasMessage("rocksdb store at " + dir.resolve("db") + " is in use by another process (its LOCK"
                            + " file is held); stop that process or use another path");
            assertThat(first.get(utf8("k"))).isEqualTo(utf8("v"));
        }
        try (Database again = Stores.open(spec("db"))) {
            assertThat(again.get(utf8("k"))).isEqualTo(utf8("v"));
        }
    }

    @Test
    @DisplayName("a store held open by another process cannot be opened read-write, but can be read-only")
    void storeHeldByAnotherProcess() throws Exception {
        try (Database db = Stores.open(spec("db"))) {
            db.put(utf8("k"), utf8("v"));
        }
        Process holder = ChildJvm.running(LockHolder.class).withArguments(spec("db")).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                    StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("open")) {
                // skip anything the child logs before it holds the store
            }
            assertThat(line).as("the lock-holding process opened the store").startsWith("open");
            assertThatThrownBy(() -> Stores.open(spec("db")))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("is in use by another process (its LOCK file is held)");
            try (Database reader = Stores.open(spec("db"), OpenMode.READ_ONLY)) {
                assertThat(reader.get(utf8("k"))).isEqualTo(utf8("v"));
            }
        } finally {
            holder.getOutputStream().close();
            if (!holder.waitFor(30, TimeUnit.SECONDS)) {
                holder.destroyForcibly();
            }
        }
    }

    @Test
    @DisplayName("every call after close throws StoreClosedException; close is idempotent")
    void useAfterClose() {
        Database db = Stores.open(spec("db"));
        db.put(utf8("k"), utf8("v"));
        Batch batch = db.newBatch();
        batch.put(utf8("b"), utf8("1"));
        db.close();
        db.close();
        assertThatThrownBy(() -> db.get(utf8("k"))).isInstanceOf(StoreClosedException.class)
                .hasMessageContaining(dir.resolve("db").toString());
        assertThatThrownBy(() -> db.has(utf8("k"))).isInstanceOf(StoreClosedException.class);
        assertThatThrownBy(() -> db.put(utf8("k"), utf8("v"))).isInstanceOf(StoreClosedException.class);
        assertThatThrownBy(() -> db.delete(utf8("k"))).isInstanceOf(StoreClosedException.class);
        assertThatThrownBy(db::newBatch).isInstanceOf(StoreClosedException.class);
        assertThatThrownBy(db::cursor).isInstanceOf(StoreClosedException.class);
        assertThatThrownBy(() -> ((Checkpointable) db).checkpoint(dir.resolve("copy")))
                .isInstanceOf(StoreClosedException.class);
        assertThatThrownBy(batch::write).isInstanceOf(StoreClosedException.class);
        assertThatThrownBy(() -> batch.put(utf8("x"), utf8("y"))).isInstanceOf(StoreClosedException.class);
        batch.close();
        batch.close();
    }

    @Test
    @DisplayName("closing the store with cursors open releases them: next throws StoreClosedException, key IllegalStateException")
    void closeWithOpenCursors() {
        Database db = Stores.open(spec("db"));
        for (int i = 0; i < 100; i++) {
            db.put(utf8(String.format("k%03d", i)), utf8("v" + i));
        }
        Cursor positioned = db.cursor();
        assertThat(positioned.next()).isTrue();
        Cursor fresh = db.cursor(utf8("k0"), new byte[0]);
        Cursor closedEarly = db.cursor();
        closedEarly.close();
        db.close();

        assertThatThrownBy(positioned::next).isInstanceOf(StoreClosedException.class);
        assertThatThrownBy(positioned::key).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(positioned::value).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(fresh::next).isInstanceOf(StoreClosedException.class);
        positioned.close();
        fresh.close();
        closedEarly.close();
    }

    @Test
    @DisplayName("closing while other threads read, write and iterate never crashes: each call completes or throws StoreClosedException")
    void closeRacesWithCalls() throws Exception {
        for (int round = 0; round < 3; round++) {
            Database db = Stores.open(spec("db-" + round));
            for (int i = 0; i < 1000; i++) {
                db.put(utf8(String.format("k%04d", i)), utf8("value " + i));
            }
            int threads = 4;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch started = new CountDownLatch(threads);
            List<Future<Long>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int kind = t;
                results.add(pool.submit(() -> hammer(db, kind, started)));
            }
            started.await();
            db.close();
            for (Future<Long> result : results) {
                assertThat(result.get(30, TimeUnit.SECONDS)).isPositive();
            }
            pool.shutdown();
        }
    }

    /** Calls the store until it is closed; returns the calls that succeeded. */
    private static long hammer(Database db, int kind, CountDownLatch started) {
        long calls = 0;
        started.countDown();
        try {
            while (true) {
                switch (kind) {
                    case 0 -> db.get(utf8("k0500"));
                    case 1 -> db.put(utf8("w" + calls), utf8("v"));
                    case 2 -> {
                        try (Cursor cursor = db.cursor()) {
                            while (cursor.next()) {
                                cursor.key();
                                cursor.value();
                            }
                        }
                    }
                    default -> {
                        try (Batch batch = db.newBatch()) {
                            batch.put(utf8("b" + calls), utf8("v"));
                            batch.write();
                        }
                    }
                }
                calls++;
            }
        } catch (StoreClosedException expected) {
            return calls + 1;
        } catch (IllegalStateException cursorReleasedUnderUs) {
            return calls + 1;
        }
    }

    @Test
    @DisplayName("read-only mode reads an existing store; put, delete and newBatch throw ReadOnlyException")
    void readOnlyMode() {
        try (Database db = Stores.open(spec("db"))) {
            db.put(utf8("k"), utf8("v"));
        }
        try (Database db = Stores.open(spec("db"), OpenMode.READ_ONLY)) {
            assertThat(((RocksDbDatabase) db).isReadOnly()).isTrue();
            assertThat(db.get(utf8("k"))).isEqualTo(utf8("v"));
            assertThatThrownBy(() -> db.put(utf8("k"), utf8("w"))).isInstanceOf(ReadOnlyException.class)
                    .hasMessageContaining(dir.resolve("db").toString());
            assertThatThrownBy(() -> db.delete(utf8("k"))).isInstanceOf(ReadOnlyException.class);
            assertThatThrownBy(db::newBatch).isInstanceOf(ReadOnlyException.class);
            assertThat(db.get(utf8("k"))).isEqualTo(utf8("v"));
        }
    }

    @Test
    @DisplayName("read-only mode of a missing store fails naming the path, and creates nothing")
    void readOnlyMissingStore() {
        assertThatThrownBy(() -> Stores.open(spec("missing"), OpenMode.READ_ONLY))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("no rocksdb store at " + dir.resolve("missing"));
        assertThat(dir.resolve("missing")).doesNotExist();
    }

    @Test
    @DisplayName("createIfMissing=false refuses a missing store; the default creates it with its parents")
    void createIfMissing() {
        assertThatThrownBy(() -> Stores.open(spec("missing") + "?createIfMissing=false"))
                .isInstanceOf(StoreException.class).hasMessageContaining("createIfMissing=false");
        try (Database db = Stores.open("rocksdb:" + dir.resolve("a/b/c"))) {
            db.put(utf8("k"), utf8("v"));
        }
        try (Database db = Stores.open("rocksdb:" + dir.resolve("a/b/c") + "?createIfMissing=false")) {
            assertThat(db.get(utf8("k"))).isEqualTo(utf8("v"));
        }
    }

    @Test
    @DisplayName("a path that is a file is refused with a StoreException naming it")
    void pathIsAFile() throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertThatThrownBy(() -> Stores.open("rocksdb:" + file)).isInstanceOf(StoreException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("not a directory");
    }

    @Test
    @DisplayName("a store with a damaged CURRENT file fails to open with a message saying it is corrupt")
    void corruptStore() throws Exception {
        try (Database db = Stores.open(spec("db"))) {
            db.put(utf8("k"), utf8("v"));
        }
        Files.writeString(dir.resolve("db").resolve("CURRENT"), "garbage without newline");
        assertThatThrownBy(() -> Stores.open(spec("db"))).isInstanceOf(StoreException.class)
                .hasMessageContaining("is corrupt");
    }

    @Test
    @DisplayName("every parameter combination opens a working store; wal=false keeps writes across a clean close")
    void parametersOpenWorkingStores() {
        String[] variants = {
            "?compression=none&cacheSize=0&bloomBits=0",
            "?compression=snappy&maxOpenFiles=-1",
            "?compression=zstd&writeBufferSize=1m&maxWriteBuffers=2",
            "?wal=false",
            "?sync=true",
        };
        for (int i = 0; i < variants.length; i++) {
            String spec = spec("v" + i) + variants[i];
            try (Database db = Stores.open(spec)) {
                for (int k = 0; k < 200; k++) {
                    db.put(utf8(String.format("key-%05d", k)), pattern(200, k));
                }
                db.delete(utf8("key-00007"));
            }
            try (Database db = Stores.open(spec)) {
                assertThat(db.get(utf8("key-00199"))).as(spec).isEqualTo(pattern(200, 199));
                assertThat(db.has(utf8("key-00007"))).as(spec).isFalse();
            }
        }
    }

    @Test
    @DisplayName("a 16 MiB value round-trips through put, a batch, get and a cursor")
    void sixteenMebibyteValue() {
        byte[] large = pattern(16 << 20, 5);
        try (Database db = Stores.open(spec("db"))) {
            db.put(utf8("put"), large);
            try (Batch batch = db.newBatch()) {
                batch.put(utf8("batch"), large);
                assertThat(batch.valueSize()).isEqualTo(5L + large.length);
                batch.write();
            }
            assertThat(db.get(utf8("put"))).isEqualTo(large);
            assertThat(db.get(utf8("batch"))).isEqualTo(large);
            try (Cursor cursor = db.cursor(utf8("ba"), new byte[0])) {
                assertThat(cursor.next()).isTrue();
                assertThat(cursor.value()).isEqualTo(large);
                assertThat(cursor.next()).isFalse();
            }
        }
    }

    @Test
    @DisplayName("cursors over prefixes of 0x00 and 0xFF bytes stop at the end of the prefix, also when it has no successor")
    void prefixesOfZeroAndFFBytes() {
        byte[][] keys = {
            {}, {0x00}, {0x00, 0x00}, {0x00, (byte) 0xFF}, {0x01}, {(byte) 0xFE, (byte) 0xFF},
            {(byte) 0xFF}, {(byte) 0xFF, 0x00}, {(byte) 0xFF, (byte) 0xFF}, {(byte) 0xFF, (byte) 0xFF, 0x01},
        };
        try (Database db = Stores.open(spec("db"))) {
            for (byte[] key : keys) {
                db.put(key, key);
            }
            assertThat(keysOf(db, new byte[] {(byte) 0xFF}, new byte[0]))
                    .containsExactly("ff", "ff00", "ffff", "ffff01");
            assertThat(keysOf(db, new byte[] {(byte) 0xFF, (byte) 0xFF}, new byte[0]))
                    .containsExactly("ffff", "ffff01");
            assertThat(keysOf(db, new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xFF}))
                    .containsExactly("ffff", "ffff01");
            assertThat(keysOf(db, new byte[] {(byte) 0xFE}, new byte[0])).containsExactly("feff");
            assertThat(keysOf(db, new byte[] {0x00}, new byte[0])).containsExactly("00", "0000", "00ff");
            assertThat(keysOf(db, new byte[] {0x00}, new byte[] {0x01})).containsExactly("00ff");
            assertThat(keysOf(db, new byte[0], new byte[] {(byte) 0xFF, 0x01})).containsExactly("ffff", "ffff01");
            assertThat(keysOf(db, null, null)).hasSize(keys.length).first().isEqualTo("");
            assertThat(keysOf(db, new byte[] {0x02}, new byte[0])).isEmpty();
        }
    }

    @Test
    @DisplayName("a prefix's successor drops trailing 0xFF bytes and adds one to the last byte left")
    void successor() {
        assertThat(RocksDbCursor.successor(new byte[0])).isNull();
        assertThat(RocksDbCursor.successor(new byte[] {(byte) 0xFF, (byte) 0xFF})).isNull();
        assertThat(RocksDbCursor.successor(new byte[] {0x01, (byte) 0xFF})).containsExactly(0x02);
        assertThat(RocksDbCursor.successor(new byte[] {0x00, 0x7F})).containsExactly(0x00, 0x80);
        assertThat(RocksDbCursor.successor(new byte[] {(byte) 0xFE})).containsExactly(0xFF);
    }

    @Test
    @DisplayName("a checkpoint hard-links the table files and opens with the data; read-only stores checkpoint too")
    void checkpoint() throws Exception {
        try (Database db = Stores.open(spec("db") + "?wal=false")) {
            for (int k = 0; k < 1000; k++) {
                db.put(utf8(String.format("key-%05d", k)), pattern(100, k));
            }
            ((Checkpointable) db).checkpoint(dir.resolve("copy"));
            assertThat(dir.resolve("copy").resolve("CURRENT")).exists();
            db.put(utf8("after"), utf8("x"));
        }
        try (Database copy = Stores.open("rocksdb:" + dir.resolve("copy") + "?wal=false")) {
            assertThat(copy.get(utf8("key-00999"))).isEqualTo(pattern(100, 999));
            assertThat(copy.has(utf8("after"))).isFalse();
        }
        try (Database reader = Stores.open(spec("db"), OpenMode.READ_ONLY)) {
            ((Checkpointable) reader).checkpoint(dir.resolve("copy-of-reader"));
        }
        try (Database copy = Stores.open("rocksdb:" + dir.resolve("copy-of-reader"), OpenMode.READ_ONLY)) {
            assertThat(copy.get(utf8("after"))).isEqualTo(utf8("x"));
        }
    }

    @Test
    @DisplayName("a checkpoint whose staging directory TARGET.tmp exists is refused, and that directory is left alone")
    void checkpointStagingDirectoryIsNeverWiped() throws Exception {
        Path staging = Files.createDirectories(dir.resolve("copy.tmp"));
        Path precious = Files.writeString(staging.resolve("precious"), "data");
        try (Database db = Stores.open(spec("db"))) {
            assertThatThrownBy(() -> ((Checkpointable) db).checkpoint(dir.resolve("copy")))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining(staging.toString()).hasMessageContaining("remove it");
        }
        assertThat(Files.readString(precious)).isEqualTo("data");
        assertThat(dir.resolve("copy")).doesNotExist();
    }

    private static List<String> keysOf(Database db, byte[] prefix, byte[] start) {
        List<String> keys = new ArrayList<>();
        try (Cursor cursor = db.cursor(prefix, start)) {
            while (cursor.next()) {
                keys.add(java.util.HexFormat.of().formatHex(cursor.key()));
            }
        }
        return keys;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] pattern(int length, int seed) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + seed * 17 + 7);
        }
        return bytes;
    }
}
