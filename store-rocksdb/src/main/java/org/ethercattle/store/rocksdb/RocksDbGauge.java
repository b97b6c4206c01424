package org.ethercattle.store.rocksdb;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

/**
 * The gauges a RocksDB store offers ({@link org.ethercattle.api.StoreGauges}): what a replica's operator
 * needs to see while it catches up and while level 0 is merged after bulk-load mode. Each reads one of
 * RocksDB's in-memory properties (no I/O) or the store's bulk-load state.
 */
enum RocksDbGauge {
    /** Files in level 0: about 100 after a day-long catch-up, under 20 once merged. */
    LEVEL0_FILES("rocksdb.level0.files"),
    /** 1 while bulk-load mode holds automatic compaction paused, else 0. */
    COMPACTION_PAUSED("rocksdb.compaction.paused"),
    /** 1 while the raised bulk-load write-stall limits are in force (in the mode or settling after it), else 0. */
    BULK_LOAD_LIMITS("rocksdb.bulk.load.limits"),
    /** RocksDB's estimate of the bytes compaction must rewrite to bring every level under its target. */
    PENDING_COMPACTION_BYTES("rocksdb.pending.compaction.bytes"),
    /** Compactions running now. */
    RUNNING_COMPACTIONS("rocksdb.running.compactions"),
    /** 1 while RocksDB stops writes (too many level-0 files or memtables), else 0. */
    WRITES_STOPPED("rocksdb.writes.stopped"),
    /** The rate RocksDB throttles writes to, bytes per second; 0 while it does not. */
    DELAYED_WRITE_RATE("rocksdb.delayed.write.rate"),
    /** Times RocksDB has slowed writes down since the store opened. */
    WRITE_SLOWDOWNS("rocksdb.write.slowdowns"),
    /** Times RocksDB has stopped writes since the store opened. */
    WRITE_STOPS("rocksdb.write.stops"),
    /** Bytes in the memtables, flushed or not yet. */
    MEMTABLE_BYTES("rocksdb.memtable.bytes"),
    /** Bytes of the table files the current version of the store uses. */
    LIVE_SST_BYTES("rocksdb.live.sst.bytes"),
    /** RocksDB's estimate of the keys in the store. */
    ESTIMATED_KEYS("rocksdb.estimated.keys");

    private static final List<String> NAMES = Arrays.stream(values()).map(g -> g.gaugeName).toList();

    private final String gaugeName;

    RocksDbGauge(String gaugeName) {
        this.gaugeName = gaugeName;
    }

    /** Every gauge name, in declaration order. */
    static List<String> names() {
        return NAMES;
    }

    /** The gauge called {@code name}; throws {@link IllegalArgumentException} naming the known ones otherwise. */
    static RocksDbGauge named(String name) {
        for (RocksDbGauge gauge : values()) {
            if (gauge.gaugeName.equals(name)) {
                return gauge;
            }
        }
        throw new IllegalArgumentException("no rocksdb gauge '" + name + "'; the gauges are " + NAMES);
    }

    /** Reads this gauge from the open {@code db}, whose bulk-load state is {@code mode}; inside the gate. */
    double read(RocksDB db, BulkLoadMode mode) throws RocksDBException {
        return switch (this) {
            // A string property: getLongProperty answers NotFound for the per-level file counts.
            case LEVEL0_FILES -> Double.parseDouble(db.getProperty("rocksdb.num-files-at-level0").trim());
            case COMPACTION_PAUSED -> mode.compactionPaused() ? 1 : 0;
            case BULK_LOAD_LIMITS -> mode.raised() ? 1 : 0;
            case PENDING_COMPACTION_BYTES -> db.getLongProperty("rocksdb.estimate-pending-compaction-bytes");
            case RUNNING_COMPACTIONS -> db.getLongProperty("rocksdb.num-running-compactions");
            case WRITES_STOPPED -> db.getLongProperty("rocksdb.is-write-stopped");
            case DELAYED_WRITE_RATE -> db.getLongProperty("rocksdb.actual-delayed-write-rate");
            case WRITE_SLOWDOWNS -> stallCount(db, "total-delays");
            case WRITE_STOPS -> stallCount(db, "total-stops");
            case MEMTABLE_BYTES -> db.getLongProperty("rocksdb.cur-size-all-mem-tables");
            case LIVE_SST_BYTES -> db.getLongProperty("rocksdb.live-sst-files-size");
            case ESTIMATED_KEYS -> db.getLongProperty("rocksdb.estimate-num-keys");
        };
    }

    /** A write-stall count from the column family's statistics map ("total-delays", "total-stops"). */
    private static double stallCount(RocksDB db, String key) throws RocksDBException {
        Map<String, String> stats = db.getMapProperty("rocksdb.cfstats");
        String value = stats.get(key);
        return value == null ? Double.NaN : Double.parseDouble(value);
    }
}
