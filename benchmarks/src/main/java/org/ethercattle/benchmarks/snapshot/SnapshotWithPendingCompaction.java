package org.ethercattle.benchmarks.snapshot;

import java.nio.file.Path;
import java.util.Arrays;
import org.ethercattle.api.Cursor;
import org.ethercattle.api.Database;
import org.rocksdb.FlushOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * Writes a RocksDB snapshot the way a busy replica leaves one when it is copied between compactions: every
 * key of a replayed store (checkpoint included), flushed into many overlapping level-0 table files with
 * automatic compaction off, so whoever opens it for writing first has all of that compaction still to do.
 */
final class SnapshotWithPendingCompaction {

    /** What the written snapshot holds, as RocksDB reports it. */
    record Shape(long level0Files, long pendingCompactionBytes, long liveBytes) {}

    private static final long BATCH_BYTES = 1 << 20;
    /**
     * Keys are copied in this many passes, each taking the keys of one hash bucket across the whole key
     * range, so every level-0 file overlaps every other (as replay order leaves them) and none can be
     * moved down without a real merge. A single sorted pass would give disjoint files RocksDB just moves.
     */
    private static final int PASSES = 8;

    private SnapshotWithPendingCompaction() {}

    /** Copies every key of {@code source} into a new RocksDB at {@code target} with memtables of {@code memtableBytes}. */
    static Shape write(Database source, Path target, long memtableBytes) throws RocksDBException {
        RocksDB.loadLibrary();
        try (Options options = new Options().setCreateIfMissing(true).setDisableAutoCompactions(true)
                        .setWriteBufferSize(memtableBytes).setLevel0SlowdownWritesTrigger(1 << 20)
                        .setLevel0StopWritesTrigger(1 << 20);
                WriteOptions write = new WriteOptions().setDisableWAL(true);
                RocksDB db = RocksDB.open(options, target.toString());
                WriteBatch batch = new WriteBatch()) {
            for (int pass = 0; pass < PASSES; pass++) {
                long bytes = 0;
                try (Cursor cursor = source.cursor()) {
                    while (cursor.next()) {
                        byte[] key = cursor.key();
                        if (Math.floorMod(Arrays.hashCode(key), PASSES) != pass) {
                            continue;
                        }
                        byte[] value = cursor.value();
                        batch.put(key, value);
                        bytes += key.length + value.length;
                        if (bytes >= BATCH_BYTES) {
                            db.write(write, batch);
                            batch.clear();
                            bytes = 0;
                        }
                    }
                }
                db.write(write, batch);
                batch.clear();
            }
            try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
                db.flush(flush);
            }
            return new Shape(Long.parseLong(db.getProperty("rocksdb.num-files-at-level0").trim()),
                    db.getLongProperty("rocksdb.estimate-pending-compaction-bytes"),
                    db.getLongProperty("rocksdb.live-sst-files-size"));
        }
    }
}
