package org.ethercattle.core.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ethercattle.core.replay.TestStream.bytes;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.ethercattle.api.Batch;
import org.ethercattle.api.BulkLoadable;
import org.ethercattle.api.Database;
import org.ethercattle.api.StoreException;
import org.ethercattle.core.ForwardingBatch;
import org.ethercattle.core.ForwardingDatabase;
import org.ethercattle.core.Keyspace;
import org.ethercattle.core.capture.CapturingDatabase;
import org.ethercattle.core.guard.HeadGuard;
import org.ethercattle.core.memory.MemoryDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** When the replayer puts a {@link BulkLoadable} store into bulk-load mode, and that it always takes it out. */
class BulkLoadHintTest {

    /** 100 records of 1 KB: about 100 KB of values, committed in batches of 10 KB. */
    private static final int RECORDS = 100;
    private static final long BATCH_BYTES = 10_000;

    private final TestStream stream = new TestStream();

    @AfterEach
    void discardStream() {
        stream.close();
    }

    @Test
    @DisplayName("a catch-up enters bulk-load mode once it has committed bulkLoadAfterBytes, and leaves it at its"
            + " end, after the last commit")
    void aLongCatchUpRunsInBulkLoadMode() {
        try (CapturingDatabase master = stream.newMaster()) {
            writeRecords(master);
            RecordingStore replica = new RecordingStore(MemoryDatabase.open(), 0);
            try (Replayer replayer = replayer(replica)
                    .bulkLoadAfterBytes(3 * BATCH_BYTES).build()) {
                assertThat(replayer.catchUp()).isEqualTo(RECORDS);
            }
            List<String> events = replica.events;
            assertThat(events).containsOnlyOnce("begin", "end");
            // At least 30 KB in 10 KB batches: three writes come before the mode, the rest after.
            assertThat(events.subList(0, events.indexOf("begin"))).containsOnly("write").hasSizeBetween(3, 4);
            assertThat(events.indexOf("end")).isEqualTo(events.lastIndexOf("write") + 1);
            assertThat(events.indexOf("end")).isEqualTo(events.size() - 1);
            assertThat(Keyspace.firstDifference(master, replica)).isEmpty();
        }
    }

    @Test
    @DisplayName("a catch-up shorter than bulkLoadAfterBytes (the default 256 MiB here) leaves the store's mode"
            + " alone, and -1 never asks")
    void shortCatchUpsAndMinusOneNeverAsk() {
        try (CapturingDatabase master = stream.newMaster()) {
            writeRecords(master);
            RecordingStore byDefault = new RecordingStore(MemoryDatabase.open(), 0);
            try (Replayer replayer = replayer(byDefault).build()) {
                replayer.catchUp();
            }
            assertThat(byDefault.events).doesNotContain("begin", "end").contains("write");

            RecordingStore never = new RecordingStore(MemoryDatabase.open(), 0);
            try (Replayer replayer = replayer(never).bulkLoadAfterBytes(-1)
                    .build()) {
                replayer.catchUp();
            }
            assertThat(never.events).doesNotContain("begin", "end");
            assertThat(Keyspace.firstDifference(master, never)).isEmpty();
        }
    }

    @Test
    @DisplayName("a catch-up that fails in bulk-load mode still leaves the mode, and throws the failure")
    void aFailedCatchUpStillLeavesTheMode() {
        try (CapturingDatabase master = stream.newMaster()) {
            writeRecords(master);
            RecordingStore replica = new RecordingStore(MemoryDatabase.open(), 5);
            try (Replayer replayer = replayer(replica).bulkLoadAfterBytes(0)
                    .build()) {
                assertThatThrownBy(replayer::catchUp).hasMessageContaining("simulated failure at batch write 5");
            }
            assertThat(replica.events).containsOnlyOnce("begin", "end");
            assertThat(replica.events.get(replica.events.size() - 1)).isEqualTo("end");
        }
    }

    @Test
    @DisplayName("step() and run(), which follow the log, never use bulk-load mode")
    void followingNeverUsesTheMode() throws Exception {
        try (CapturingDatabase master = stream.newMaster()) {
            writeRecords(master);
            RecordingStore replica = new RecordingStore(MemoryDatabase.open(), 0);
            try (Replayer replayer = replayer(replica).bulkLoadAfterBytes(0)
                    .build()) {
                replayer.step();
                Thread follower = new Thread(replayer::run);
                follower.start();
                while (replayer.stats().recordsApplied() < RECORDS) {
                    Thread.sleep(5);
                }
                replayer.stop();
                follower.join();
            }
            assertThat(replica.events).doesNotContain("begin", "end");
            assertThat(Keyspace.firstDifference(master, replica)).isEmpty();
        }
    }

    @Test
    @DisplayName("bulkLoadAfterBytes below -1 is refused")
    void negativeThresholdsAreRefused() {
        try (Database replica = MemoryDatabase.open()) {
            assertThatThrownBy(() -> stream.replayer(replica).bulkLoadAfterBytes(-2))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("bulkLoadAfterBytes must be -1 (never) or at least 0, was -2");
        }
    }

    /**
     * A replayer over a consumer that hands out one entry per poll, so that each step commits one batch of
     * about {@link #BATCH_BYTES} (a memory log would hand out the whole log to the first step).
     */
    private Replayer.Builder replayer(Database store) {
        return Replayer.builder(store, new OneEntryPerPoll(stream.log.newConsumer()))
                .codec(TestStream.CODEC)
                .headGuard(HeadGuard.none())
                .pollTimeout(Duration.ofMillis(5))
                .maxBatchBytes(BATCH_BYTES);
    }

    private static void writeRecords(CapturingDatabase master) {
        byte[] value = new byte[1_000];
        for (int i = 0; i < RECORDS; i++) {
            master.put(bytes("k" + i), value);
        }
        master.flush();
    }

    /**
     * A memory store that takes the bulk-load hint and records, in order, each hint and each batch write;
     * its N-th batch write may fail.
     */
    private static final class RecordingStore extends ForwardingDatabase {
        final List<String> events = new CopyOnWriteArrayList<>();
        private final int failingWrite;
        private int writes;

        /** @param failingWrite the 1-based batch write that throws, or 0 for none */
        RecordingStore(Database store, int failingWrite) {
            super(store);
            this.failingWrite = failingWrite;
        }

        @Override
        public void beginBulkLoad() {
            events.add("begin");
        }

        @Override
        public void endBulkLoad() {
            events.add("end");
        }

        @Override
        public Batch newBatch() {
            return new ForwardingBatch(delegate().newBatch()) {
                @Override
                public void write() {
                    if (++writes == failingWrite) {
                        throw new StoreException("simulated failure at batch write " + failingWrite);
                    }
                    super.write();
                    events.add("write");
                }
            };
        }
    }
}
