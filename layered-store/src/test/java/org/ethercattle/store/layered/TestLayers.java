package org.ethercattle.store.layered;

import java.nio.file.Path;
import org.ethercattle.api.Database;
import org.ethercattle.api.Stores;
import org.ethercattle.tck.StoreCapabilities;

/** The layer combinations the tests run, as {@code layered:} specs over a freshly created, empty bottom. */
final class TestLayers {

    /** LMDB as the top: no empty key, keys up to 511 bytes (the bottom's RocksDB takes more). */
    static final StoreCapabilities LMDB_LAYER = StoreCapabilities.full().withEmptyKeys(false).withMaxKeyBytes(511);

    private TestLayers() {}

    static String memoryOverMemory(Path dir) {
        return layered("memory:" + dir.resolve("top"), "memory:" + dir.resolve("bottom"));
    }

    static String rocksDbOverRocksDb(Path dir) {
        return layered("rocksdb:" + dir.resolve("top"), "rocksdb:" + dir.resolve("bottom"));
    }

    static String lmdbOverRocksDb(Path dir) {
        return layered("lmdb:" + dir.resolve("top") + "?mapSize=1m&sync=none", "rocksdb:" + dir.resolve("bottom"));
    }

    /**
     * LevelDB as the top, with the 1 MiB memtable the plain LevelDB suites use. The store's 64 MiB default
     * made the cursor suite's "never half a batch" test take minutes: its writer overwrites the same 16
     * keys as fast as it can, a LevelDB iterator steps over every version of a key still in the memtable
     * (older ones, and those newer than its snapshot), so each view walked up to a 64 MiB memtable of
     * versions of 16 keys. Plain LevelDB with the default memtable is as slow; the tag byte is not the cause.
     */
    static String levelDbOverRocksDb(Path dir) {
        return layered("leveldb:" + dir.resolve("top") + "?writeBufferSize=1m", "rocksdb:" + dir.resolve("bottom"));
    }

    /** The layered spec of {@code top} over {@code bottom}, creating the bottom (empty) first. */
    static String layered(String top, String bottom) {
        Stores.open(bottom).close();
        return new LayerSpecs(top, bottom).toSpec();
    }

    /** Opens {@code bottom} for writing, lets {@code fill} write into it, and closes it. */
    static void fillBottom(String bottom, java.util.function.Consumer<Database> fill) {
        try (Database db = Stores.open(bottom)) {
            fill.accept(db);
        }
    }
}
