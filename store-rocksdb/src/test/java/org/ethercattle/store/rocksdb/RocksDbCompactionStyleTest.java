package org.ethercattle.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.TreeMap;
import org.ethercattle.api.Batch;
import org.ethercattle.api.Database;
import org.ethercattle.api.Stores;
import org.ethercattle.core.Keyspace;
import org.ethercattle.core.memory.MemoryDatabase;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksDbCompactionStyleTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("a store written with universal compaction through many flushes and merges holds exactly what"
            + " was written, and opens again with leveled compaction")
    void universalCompactionKeepsEveryWriteAndTheStoreOpensLeveledAfterwards() {
        // 64k memtables: the writes below flush dozens of times, so universal merges really run.
        String universal = "rocksdb:" + dir.resolve("db") + "?wal=false&writeBufferSize=64k&compaction=universal";
        TreeMap<String, String> expected = new TreeMap<>();
        try (Database db = Stores.open(universal)) {
            for (int round = 0; round < 8; round++) {
                try (Batch batch = db.newBatch()) {
                    for (int i = 0; i < 4000; i++) {
                        String key = "key-" + ((i * 7919 + round * 131) % 10_000);
                        if (i % 10 == round) {
                            batch.delete(utf8(key));
                            expected.remove(key);
                        } else {
                            String value = "value-" + round + "-" + i + "-".repeat(40);
                            batch.put(utf8(key), utf8(value));
                            expected.put(key, value);
                        }
                    }
                    batch.write();
                }
            }
            assertThat(sameAs(db, expected)).as("universal store equals the writes").isEmpty();
        }
        try (Database db = Stores.open("rocksdb:" + dir.resolve("db") + "?wal=false")) {
            assertThat(sameAs(db, expected)).as("reopened with leveled compaction").isEmpty();
        }
    }

    /** The first key where {@code db} and {@code expected} differ, or empty. */
    private static java.util.Optional<String> sameAs(Database db, TreeMap<String, String> expected) {
        try (Database reference = MemoryDatabase.open()) {
            expected.forEach((k, v) -> reference.put(utf8(k), utf8(v)));
            return Keyspace.firstDifference(reference, db);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
