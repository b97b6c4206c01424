package org.ethercattle.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.ethercattle.api.Database;
import org.ethercattle.api.StoreGauges;
import org.ethercattle.api.Stores;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.FlushOptions;
import org.rocksdb.RocksDBException;

/** The gauges of a real RocksDB store, read while bulk-load mode piles files into level 0. */
class RocksDbGaugesTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("the gauges follow the store: level-0 files and the paused compaction of bulk-load mode, keys,"
            + " memtable and table bytes; no stall on a store this small")
    void gaugesFollowTheStore() throws RocksDBException {
        try (RocksDbDatabase db = open()) {
            assertThat(db.gaugeNames()).startsWith("rocksdb.level0.files").allMatch(n -> n.startsWith("rocksdb."));
            assertThat(db.gauge("rocksdb.level0.files")).isZero();
            assertThat(db.gauge("rocksdb.compaction.paused")).isZero();
            assertThat(db.gauge("rocksdb.bulk.load.limits")).isZero();

            db.beginBulkLoad();
            assertThat(db.gauge("rocksdb.compaction.paused")).isEqualTo(1.0);
            assertThat(db.gauge("rocksdb.bulk.load.limits")).isEqualTo(1.0);
            try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
                for (int file = 0; file < 3; file++) {
                    for (int i = 0; i < 100; i++) {
                        db.put(utf8("key-" + file + "-" + i), utf8("value"));
                    }
                    assertThat(db.gauge("rocksdb.memtable.bytes")).isPositive();
                    db.rocksDb().flush(flush);
                }
            }
            assertThat(db.gauge("rocksdb.level0.files")).isEqualTo(3.0);
            assertThat(db.gauge("rocksdb.live.sst.bytes")).isPositive();
            assertThat(db.gauge("rocksdb.estimated.keys")).isEqualTo(300.0);
            assertThat(db.gauge("rocksdb.writes.stopped")).isZero();
            assertThat(db.gauge("rocksdb.delayed.write.rate")).isZero();
            assertThat(db.gauge("rocksdb.write.slowdowns")).isZero();
            assertThat(db.gauge("rocksdb.write.stops")).isZero();
            assertThat(db.gauge("rocksdb.running.compactions")).isZero();
            assertThat(db.gauge("rocksdb.pending.compaction.bytes")).isNotNegative();

            db.endBulkLoad();
            assertThat(db.gauge("rocksdb.compaction.paused")).isZero();
            for (String name : db.gaugeNames()) {
                assertThat(db.gauge(name)).as(name).isNotNaN();
            }
        }
    }

    @Test
    @DisplayName("an unknown gauge is an IllegalArgumentException listing the known ones; a closed store's gauges"
            + " are NaN")
    void unknownAndClosed() {
        RocksDbDatabase db = open();
        assertThatThrownBy(() -> db.gauge("rocksdb.level1.files"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rocksdb.level1.files")
                .hasMessageContaining("rocksdb.level0.files");
        db.close();
        assertThat(db.gauge("rocksdb.level0.files")).isNaN();
    }

    private RocksDbDatabase open() {
        Database db = Stores.open("rocksdb:" + dir.resolve("db") + "?wal=false");
        assertThat(db).isInstanceOf(StoreGauges.class);
        return (RocksDbDatabase) db;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
