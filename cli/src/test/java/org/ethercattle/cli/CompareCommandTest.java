package org.ethercattle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.ethercattle.api.Batch;
import org.ethercattle.api.Database;
import org.ethercattle.api.ReservedKeys;
import org.ethercattle.api.Stores;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cattle compare} on real RocksDB, LevelDB and LMDB stores on disk. */
class CompareCommandTest {

    @TempDir
    Path dir;

    private final CapturedCattle cattle = new CapturedCattle();

    private String rocksdb(String name) {
        return "rocksdb:" + dir.resolve(name);
    }

    private String leveldb(String name) {
        return "leveldb:" + dir.resolve(name);
    }

    private String lmdb(String name) {
        return "lmdb:" + dir.resolve(name) + "?mapSize=64m";
    }

    private static byte[] b(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** 1,000 keys {@code key-0000..}, values {@code value-N}, then {@code change} on the open store. */
    private static void fill(String spec, Consumer<Database> change) {
        try (Database db = Stores.open(spec)) {
            try (Batch batch = db.newBatch()) {
                for (int i = 0; i < 1000; i++) {
                    batch.put(b(String.format("key-%04d", i)), b("value-" + i));
                }
                batch.write();
            }
            change.accept(db);
        }
    }

    private static void fill(String spec) {
        fill(spec, db -> {});
    }

    @Test
    @DisplayName("equal stores of different kinds: exit 0 with the number of keys compared")
    void equalStoresExitZero() {
        fill(rocksdb("a"));
        fill(leveldb("b"));
        fill(lmdb("c"));
        assertThat(cattle.run("compare", "--a", rocksdb("a"), "--b", leveldb("b"))).as(cattle.err()).isZero();
        assertThat(cattle.run("compare", "--a", leveldb("b"), "--b", lmdb("c"))).as(cattle.err()).isZero();
        assertThat(cattle.out().lines().filter(line -> line.startsWith("compare: equal:")))
                .hasSize(2).allSatisfy(line -> assertThat(line).contains("hold the same 1000 key(s)"));
    }

    @Test
    @DisplayName("a value that differs: exit 1 naming the key and both values in hex")
    void differingValueExitsOne() {
        fill(rocksdb("a"));
        fill(lmdb("b"), db -> db.put(b("key-0500"), b("other")));
        assertThat(cattle.run("compare", "--a", rocksdb("a"), "--b", lmdb("b"))).isEqualTo(Cattle.EXIT_MISMATCH);
        assertThat(cattle.out()).contains("compare: DIFFERENT: key 0x" + hex("key-0500") + " holds 0x"
                + hex("value-500") + " in A but 0x" + hex("other") + " in B (500 equal key(s) before it)");
    }

    @Test
    @DisplayName("a key missing on one side: exit 1 saying which side lacks it, either way round")
    void missingKeyExitsOne() {
        fill(rocksdb("a"), db -> db.put(b("key-0999x"), b("extra")));
        fill(leveldb("b"));
        assertThat(cattle.run("compare", "--a", rocksdb("a"), "--b", leveldb("b"))).isEqualTo(Cattle.EXIT_MISMATCH);
        assertThat(cattle.out()).contains("key 0x" + hex("key-0999x") + " is missing from B (A holds 0x"
                + hex("extra") + ")");
        assertThat(cattle.run("compare", "--a", leveldb("b"), "--b", rocksdb("a"))).isEqualTo(Cattle.EXIT_MISMATCH);
        assertThat(cattle.out()).contains("key 0x" + hex("key-0999x") + " is missing from A (B holds 0x"
                + hex("extra") + ")");
    }

    @Test
    @DisplayName("reserved keys that differ are left out by default and reported with --include-reserved")
    void reservedKeysOnlyWhenAsked() {
        byte[] checkpoint = ReservedKeys.key("checkpoint/mainnet-cdc");
        fill(rocksdb("a"), db -> db.put(checkpoint, b("replica position")));
        fill(lmdb("b"));
        assertThat(cattle.run("compare", "--a", rocksdb("a"), "--b", lmdb("b"))).as(cattle.err()).isZero();
        assertThat(cattle.out()).contains("compare: equal: A and B hold the same 1000 key(s); not compared:"
                + " reserved keys (A holds 1, B 0; --include-reserved compares them)");
        assertThat(cattle.run("compare", "--a", rocksdb("a"), "--b", lmdb("b"), "--include-reserved"))
                .isEqualTo(Cattle.EXIT_MISMATCH);
        assertThat(cattle.out()).contains("compare: DIFFERENT: key 0x" + java.util.HexFormat.of().formatHex(checkpoint)
                + " is missing from B", "(0 equal key(s) before it)");
    }

    @Test
    @DisplayName("--prefix compares only the keys under it")
    void prefixLimitsTheRange() {
        fill(rocksdb("a"));
        fill(rocksdb("b"), db -> db.put(b("key-0999"), b("other")));
        assertThat(cattle.run("compare", "--a", rocksdb("a"), "--b", rocksdb("b"), "--prefix", "0x" + hex("key-01")))
                .as(cattle.err()).isZero();
        assertThat(cattle.out()).contains("keys starting with 0x" + hex("key-01"), "hold the same 100 key(s)");
        assertThat(cattle.run("compare", "--a", rocksdb("a"), "--b", rocksdb("b"), "--prefix", hex("key-09")))
                .isEqualTo(Cattle.EXIT_MISMATCH);
    }

    @Test
    @DisplayName("an unknown scheme, a missing store or a bad prefix: exit 2 with one line saying what is wrong")
    void badArgumentsExitTwo() {
        fill(rocksdb("a"));
        assertThat(cattle.run("compare", "--a", rocksdb("a"), "--b", "nosuchstore:" + dir.resolve("b")))
                .isEqualTo(Cattle.EXIT_ERROR);
        assertThat(cattle.err().lines()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("cattle: error: ").contains("nosuchstore"));

        CapturedCattle missing = new CapturedCattle();
        assertThat(missing.run("compare", "--a", rocksdb("a"), "--b", rocksdb("absent"))).isEqualTo(Cattle.EXIT_ERROR);
        assertThat(missing.err()).startsWith("cattle: error: ").contains(dir.resolve("absent").toString());
        assertThat(dir.resolve("absent")).doesNotExist();

        CapturedCattle prefix = new CapturedCattle();
        assertThat(prefix.run("compare", "--a", rocksdb("a"), "--b", rocksdb("a"), "--prefix", "0xabc"))
                .isEqualTo(Cattle.EXIT_ERROR);
        assertThat(prefix.err()).startsWith("cattle: error: --prefix 0xabc: must be bytes in hex");

        CapturedCattle noB = new CapturedCattle();
        assertThat(noB.run("compare", "--a", rocksdb("a"))).isEqualTo(Cattle.EXIT_ERROR);
        assertThat(noB.err()).contains("--b");
    }

    @Test
    @DisplayName("beside a process holding the stores: a RocksDB store is compared read-only, a held LevelDB one is refused")
    void besideAWriter() {
        fill(rocksdb("a"));
        fill(leveldb("b"));
        try (Database writerA = Stores.open(rocksdb("a")); Database writerB = Stores.open(leveldb("b"))) {
            assertThat(cattle.run("compare", "--a", rocksdb("a"), "--b", rocksdb("a"))).as(cattle.err()).isZero();
            assertThat(cattle.run("compare", "--a", rocksdb("a"), "--b", leveldb("b"))).isEqualTo(Cattle.EXIT_ERROR);
            assertThat(cattle.err()).startsWith("cattle: error: ").contains(dir.resolve("b").toString());
            writerA.put(b("key-after"), b("still writable"));
            writerB.put(b("key-after"), b("still writable"));
        }
        assertThat(cattle.run("compare", "--a", rocksdb("a"), "--b", leveldb("b"))).as(cattle.err()).isZero();
        assertThat(cattle.out()).contains("hold the same 1001 key(s)");
    }

    private static String hex(String text) {
        return java.util.HexFormat.of().formatHex(b(text));
    }
}
