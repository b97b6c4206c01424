package org.ethercattle.store.lmdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.ethercattle.api.Batch;
import org.ethercattle.api.Cursor;
import org.ethercattle.api.Database;
import org.ethercattle.api.KeyValueWriter;
import org.ethercattle.api.ReadOnlyException;
import org.ethercattle.api.StoreException;
import org.ethercattle.api.Stores;
import org.ethercattle.api.spi.OpenMode;
import org.ethercattle.api.spi.SpecException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LMDB-specific behaviour of {@link LmdbDatabase} beyond what the TCK suites check. */
class LmdbDatabaseTest {

    @TempDir
    Path dir;

    private String spec() {
        return "lmdb:" + dir.resolve("db");
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("the lmdb scheme opens an LmdbDatabase through the registry")
    void schemeIsRegistered() {
        try (Database db = Stores.open(spec())) {
            assertThat(db).isInstanceOf(LmdbDatabase.class);
            assertThat(Stores.available()).containsKey("lmdb");
        }
    }

    @Test
    @DisplayName("keys 0x00 and 0xFF sort unsigned: 0x00 < 0x7F < 0x80 < 0xFF, and a prefix sorts first")
    void unsignedOrder() {
        try (Database db = Stores.open(spec())) {
            byte[][] keys = {{(byte) 0xFF}, {0x00}, {(byte) 0x80}, {0x7F}, {0x00, 0x00}, {(byte) 0xFF, 0x00}};
            for (byte[] key : keys) {
                db.put(key, key);
            }
            List<byte[]> seen = new ArrayList<>();
            try (Cursor c = db.cursor()) {
                while (c.next()) {
                    seen.add(c.key());
                    assertThat(c.value()).isEqualTo(c.key());
                }
            }
            assertThat(seen).containsExactly(new byte[] {0x00}, new byte[] {0x00, 0x00}, new byte[] {0x7F},
                    new byte[] {(byte) 0x80}, new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xFF, 0x00});
        }
    }

    @Test
    @DisplayName("arrays are copied in and out: mutating them changes nothing stored")
    void copiesInAndOut() {
        try (Database db = Stores.open(spec())) {
            byte[] key = b("k");
            byte[] value = b("v1");
            db.put(key, value);
            value[0] = 'X';
            key[0] = 'z';
            byte[] read = db.get(b("k"));
            assertThat(read).isEqualTo(b("v1"));
            read[0] = 'Y';
            assertThat(db.get(b("k"))).isEqualTo(b("v1"));
        }
    }

    @Test
    @DisplayName("empty values are stored and told apart from absent keys")
    void emptyValue() {
        try (Database db = Stores.open(spec())) {
            db.put(b("k"), new byte[0]);
            assertThat(db.get(b("k"))).isEmpty();
            assertThat(db.has(b("k"))).isTrue();
            assertThat(db.get(b("absent"))).isNull();
            assertThat(db.has(b("absent"))).isFalse();
        }
    }

    @Test
    @DisplayName("a 16 MiB value round-trips, also after reopening")
    void largeValue() {
        byte[] big = new byte[16 << 20];
        new Random(7).nextBytes(big);
        try (Database db = Stores.open(spec())) {
            db.put(b("big"), big);
            assertThat(db.get(b("big"))).isEqualTo(big);
        }
        try (Database db = Stores.open(spec())) {
            assertThat(db.get(b("big"))).isEqualTo(big);
        }
    }

    @Test
    @DisplayName("keys of 511 bytes are stored; 512 bytes and empty keys are refused with a message that says why")
    void keyLimits() {
        try (Database db = Stores.open(spec())) {
            LmdbDatabase lmdb = (LmdbDatabase) db;
            assertThat(lmdb.maxKeySize()).isEqualTo(LmdbDatabase.MAX_KEY_BYTES).isEqualTo(511);
            byte[] longest = new byte[511];
            Arrays.fill(longest, (byte) 0xAB);
            db.put(longest, b("ok"));
            assertThat(db.get(longest)).isEqualTo(b("ok"));

            byte[] tooLong = new byte[512];
            assertThatThrownBy(() -> db.put(tooLong, b("x")))
                    .isInstanceOf(StoreException.class).hasMessageContaining("lmdb keys are at most 511 bytes");
            assertThatThrownBy(() -> db.delete(tooLong)).isInstanceOf(StoreException.class);
            assertThatThrownBy(() -> db.put(new byte[0], b("x")))
                    .isInstanceOf(StoreException.class).hasMessageContaining("must not be empty");
            try (Batch batch = db.newBatch()) {
                assertThatThrownBy(() -> batch.put(tooLong, b("x"))).isInstanceOf(StoreException.class);
                assertThatThrownBy(() -> batch.delete(new byte[0])).isInstanceOf(StoreException.class);
                assertThat(batch.count()).isZero();
            }
            // Keys that cannot be stored are simply absent.
            assertThat(db.get(tooLong)).isNull();
            assertThat(db.has(new byte[0])).isFalse();
        }
    }

    @Test
    @DisplayName("a cursor start beyond the key limit still finds the next key in order")
    void seekBeyondKeyLimit() {
        try (Database db = Stores.open(spec())) {
            byte[] k511 = new byte[511];
            Arrays.fill(k511, (byte) 1);
            byte[] next = k511.clone();
            next[510] = 2;
            db.put(k511, b("a"));
            db.put(next, b("b"));
            byte[] start = Arrays.copyOf(k511, 600); // k511 followed by zeros: greater than k511
            try (Cursor c = db.cursor(new byte[0], start)) {
                assertThat(c.next()).isTrue();
                assertThat(c.key()).isEqualTo(next);
                assertThat(c.next()).isFalse();
            }
        }
    }

    @Test
    @DisplayName("a cursor stays within its prefix and starts at prefix + start")
    void cursorPrefixAndStart() {
        try (Database db = Stores.open(spec())) {
            for (String k : new String[] {"a", "b1", "b2", "b3", "c"}) {
                db.put(b(k), b(k));
            }
            List<String> seen = new ArrayList<>();
            try (Cursor c = db.cursor(b("b"), b("2"))) {
                while (c.next()) {
                    seen.add(new String(c.key(), StandardCharsets.UTF_8));
                }
                assertThat(c.next()).isFalse();
                assertThatThrownBy(c::key).isInstanceOf(IllegalStateException.class);
            }
            assertThat(seen).containsExactly("b2", "b3");
        }
    }

    @Test
    @DisplayName("a batch applies in order, last write wins, is replayable and reusable after reset")
    void batchSemantics() {
        try (Database db = Stores.open(spec()); Batch batch = db.newBatch()) {
            db.put(b("gone"), b("x"));
            batch.put(b("k"), b("1"));
            batch.put(b("k"), b("2"));
            batch.delete(b("gone"));
            batch.put(b("e"), new byte[0]);
            assertThat(batch.count()).isEqualTo(4);
            assertThat(batch.valueSize()).isEqualTo(2 + 2 + 4 + 1);
            assertThat(db.get(b("k"))).isNull();
            batch.write();
            assertThat(db.get(b("k"))).isEqualTo(b("2"));
            assertThat(db.has(b("gone"))).isFalse();
            assertThat(db.get(b("e"))).isEmpty();

            List<String> replayed = new ArrayList<>();
            batch.replay(new KeyValueWriter() {
                @Override
                public void put(byte[] key, byte[] value) {
                    replayed.add("put " + new String(key, StandardCharsets.UTF_8) + "=" + new String(value,
                            StandardCharsets.UTF_8));
                }

                @Override
                public void delete(byte[] key) {
                    replayed.add("delete " + new String(key, StandardCharsets.UTF_8));
                }
            });
            assertThat(replayed).containsExactly("put k=1", "put k=2", "delete gone", "put e=");
            batch.reset();
            assertThat(batch.count()).isZero();
            assertThat(batch.valueSize()).isZero();
            batch.put(b("after"), b("reset"));
            batch.write();
            assertThat(db.get(b("after"))).isEqualTo(b("reset"));
        }
    }

    @Test
    @DisplayName("read-only: existing data is readable, every write throws ReadOnlyException")
    void readOnly() {
        try (Database db = Stores.open(spec())) {
            db.put(b("k"), b("v"));
        }
        try (Database db = Stores.open(spec(), OpenMode.READ_ONLY)) {
            assertThat(db.get(b("k"))).isEqualTo(b("v"));
            assertThatThrownBy(() -> db.put(b("k"), b("w"))).isInstanceOf(ReadOnlyException.class);
            assertThatThrownBy(() -> db.delete(b("k"))).isInstanceOf(ReadOnlyException.class);
            assertThatThrownBy(db::newBatch).isInstanceOf(ReadOnlyException.class);
            try (Cursor c = db.cursor()) {
                assertThat(c.next()).isTrue();
            }
        }
    }

    @Test
    @DisplayName("read-only on a missing store, and createIfMissing=false, fail naming the path")
    void missingStore() {
        Path missing = dir.resolve("missing");
        assertThatThrownBy(() -> Stores.open("lmdb:" + missing, OpenMode.READ_ONLY))
                .isInstanceOf(StoreException.class).hasMessageContaining(missing.toString());
        assertThatThrownBy(() -> Stores.open("lmdb:" + missing + "?createIfMissing=false"))
                .isInstanceOf(StoreException.class).hasMessageContaining("createIfMissing=false");
    }

    @Test
    @DisplayName("unknown or bad parameters are spec errors")
    void specErrors() {
        assertThatThrownBy(() -> Stores.open(spec() + "?mapsize=1g"))
                .isInstanceOf(SpecException.class).hasMessageContaining("mapsize");
        assertThatThrownBy(() -> Stores.open(spec() + "?sync=sometimes"))
                .isInstanceOf(SpecException.class).hasMessageContaining("full, nometa, none");
        assertThatThrownBy(() -> Stores.open(spec() + "?mapSize=1g&mapSizeMax=512m"))
                .isInstanceOf(SpecException.class).hasMessageContaining("mapSizeMax");
    }

    @Test
    @DisplayName("every sync mode opens, writes and persists")
    void syncModes() {
        for (String mode : new String[] {"full", "nometa", "none", "true", "false"}) {
            String s = "lmdb:" + dir.resolve("sync-" + mode) + "?sync=" + mode;
            try (Database db = Stores.open(s)) {
                db.put(b("k"), b(mode));
            }
            try (Database db = Stores.open(s)) {
                assertThat(db.get(b("k"))).isEqualTo(b(mode));
            }
        }
    }

    @Test
    @DisplayName("opening a store already open in this JVM fails instead of breaking LMDB's locks")
    void openTwice() {
        try (Database db = Stores.open(spec())) {
            assertThatThrownBy(() -> Stores.open(spec()))
                    .isInstanceOf(StoreException.class).hasMessageContaining("already open in this JVM");
            db.put(b("still"), b("works"));
        }
        try (Database db = Stores.open(spec())) {
            assertThat(db.get(b("still"))).isEqualTo(b("works"));
        }
    }
}
