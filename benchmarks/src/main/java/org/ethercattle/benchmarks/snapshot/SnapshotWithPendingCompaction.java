package org.ethercattle.benchmarks.snapshot;

import java.nio.file.Path;
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
 * key of a replayed store (checkpoint included), flushed into many level-0 table files with automatic
 * compaction off, so whoever opens it for writing first has all of that compaction still to do.
 */
final class SnapshotWithPendingCompaction {

    /** What the written snapshot holds, as RocksDB reports it. */
    record Shape(long level0Files, long pendingCompactionBytes, long liveBytes) {}

    private static final long BATCH_BYTES = 1 << 20;

    private SnapshotWithPendingCompaction() {}

    /** Copies every key of {@code source} into a new RocksDB at {@code target} with memtables of {@code memtableBytes}. */
    static Shape write(Database source, Path target, long memtableBytes) throws RocksDBException {
        RocksDB.loadLibrary();
        try (Options options = new Options().setCreateIfMissing(true).setDisableAutoCompactions(true)
                        .setWriteBufferSize(memtableBytes).setLevel0SlowdownWritesTrigger(1 << 20)
                        .setLevel0StopWritesTrigger(1 << 20);
                WriteOptions write = new WriteOptions().setDisableWAL(true);
                RocksDB db = RocksDB.open(options, target.toString());
                Cursor cursor = source.cursor();
                WriteBatch batch = new WriteBatch()) {
            long bytes = 0;
            while (cursor.next()) {
                byte[] key = cursor.key();
                byte[] value = cursor.value();
                batch.put(key, value);
                bytes += key.length + value.length;
                if (bytes >= BATCH_BYTES) {
                    db.write(write, batch);
                    batch.clear();
                    bytes = 0;
                }
            }
            db.write(write, batch);
            try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
                db.flush(flush);
            }
            return new Shape(Long.parseLong(db.getProperty("rocksdb.num-files-at-level0").trim()),
                    db.getLongProperty("rocksdb.estimate-pending-compaction-bytes"),
                    db.getLongProperty("rocksdb.live-sst-files-size"));
        }
    }
}
