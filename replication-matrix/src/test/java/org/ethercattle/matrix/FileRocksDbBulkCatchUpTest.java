package org.ethercattle.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.ethercattle.api.BulkLoadable;
import org.ethercattle.api.Codecs;
import org.ethercattle.api.Database;
import org.ethercattle.api.Logs;
import org.ethercattle.api.StoreGauges;
import org.ethercattle.api.Stores;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.core.Keyspace;
import org.ethercattle.core.capture.CapturingDatabase;
import org.ethercattle.core.memory.MemoryDatabase;
import org.ethercattle.core.replay.Replayer;
import org.ethercattle.ethereum.workload.GethWorkload;
import org.ethercattle.tck.Await;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replica catching up from a file log through bulk-load mode on a real RocksDB store with tiny memtables, so the catch-up
 * flushes dozens of level-0 files while compaction is paused and the merge afterwards has real work: geth
 * blocks with overwrites and pruning deletes. The replica must equal the master before the merge and after.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES) // ends a catch-up or merge that never ends; measures nothing
class FileRocksDbBulkCatchUpTest {

    private static final int BLOCKS = 200;

    @TempDir
    Path dir;

    @Test
    @DisplayName("a catch-up in bulk-load mode piles flushes into level 0 with compaction paused; the replica"
            + " equals the master when it is caught up and again once level 0 is merged")
    void catchUpThenMerge() throws Exception {
        // The file log, whose polls return a bounded run of entries, so bulk-load mode starts after the
        // first batch (the in-memory log hands over everything it holds in one poll).
        String logSpec = "file:" + dir.resolve("log");
        try (Database memory = MemoryDatabase.open();
                CapturingDatabase master = new CapturingDatabase(memory, Logs.openProducer(logSpec),
                        Codecs.get("cattle"))) {
            GethWorkload workload = new GethWorkload(7);
            for (int i = 0; i < BLOCKS; i++) {
                workload.writeNextBlock(master);
            }
            master.flush();

            // Every 256 KiB batch overfills a 64 KiB memtable, and with two memtables a flush never takes more
            // than one: one level-0 file per batch, however fast the flush thread is. No bound on the pause
            // (RocksDbBulkLoadTest covers it), so level 0 is certain to be deep at the end.
            String replicaSpec = "rocksdb:" + dir.resolve("replica")
                    + "?wal=false&writeBufferSize=64k&maxWriteBuffers=2&bulkL0CompactionFiles=100000";
            try (Database replica = Stores.open(replicaSpec);
                    LogConsumer consumer = Logs.openConsumer(logSpec);
                    Replayer replayer = Replayer.builder(replica, consumer).codec(Codecs.get("cattle"))
                            .maxBatchBytes(256 << 10).bulkLoadAfterBytes(0).build()) {
                StoreGauges gauges = (StoreGauges) replica;
                BulkLoadable bulk = (BulkLoadable) replica;
                AtomicBoolean pausedSeen = new AtomicBoolean();
                AtomicBoolean done = new AtomicBoolean();
                Thread watcher = new Thread(() -> {
                    while (!done.get() && !pausedSeen.get()) {
                        pausedSeen.compareAndSet(false, gauges.gauge("rocksdb.compaction.paused") == 1.0);
                        Thread.onSpinWait();
                    }
                }, "bulk-catch-up-watcher");
                watcher.start();
                try {
                    replayer.catchUp();
                } finally {
                    done.set(true);
                    watcher.join();
                }
                assertThat(pausedSeen).as("compaction seen paused during the catch-up").isTrue();
                double levelZero = gauges.gauge("rocksdb.level0.files");
                assertThat(levelZero).as("level-0 files left by the catch-up").isGreaterThanOrEqualTo(20);
                assertThat(bulk.deferredUpkeepPending()).as("the merge is still to come").isTrue();
                assertThat(Keyspace.firstDifference(memory, replica)).as("difference before the merge").isEmpty();

                Await.until(() -> !bulk.deferredUpkeepPending(),
                        () -> "level 0 merged (" + gauges.gauge("rocksdb.level0.files") + " files left)");
                assertThat(gauges.gauge("rocksdb.level0.files")).isLessThan(20);
                assertThat(gauges.gauge("rocksdb.compaction.paused")).isZero();
                assertThat(Keyspace.firstDifference(memory, replica)).as("difference after the merge").isEmpty();
            }
        }
    }
}
