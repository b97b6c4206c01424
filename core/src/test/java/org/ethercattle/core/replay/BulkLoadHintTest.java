package org.ethercattle.core.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ethercattle.core.replay.TestStream.bytes;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.ethercattle.api.Batch;
import org.ethercattle.api.BulkLoadable;
import org.ethercattle.api.Database;
import org.ethercattle.api.StoreException;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.log.LogEntry;
import org.ethercattle.api.replay.HeadGuard;
import org.ethercattle.core.ForwardingBatch;
import org.ethercattle.core.ForwardingDatabase;
import org.ethercattle.core.Keyspace;
import org.ethercattle.core.capture.CapturingDatabase;
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
    @DisplayName("in bulk-load mode a catch-up reads ahead; what it read past the catch-up's end is dropped and"
            + " read again by the next step, so nothing is skipped")
    void catchUpReadAheadStopsWithTheCatchUpAndSkipsNothing() throws Exception {
        int extras = 50;
        try (CapturingDatabase master = stream.newMaster()) {
            writeRecords(master);
            AtomicLong polledFromBase = new AtomicLong();
            Set<String> pollingThreads = ConcurrentHashMap.newKeySet();
            LogConsumer base = new ForwardingConsumer(new OneEntryPerPoll(stream.log.newConsumer())) {
                @Override
                public List<LogEntry> poll(Duration timeout) {
                    List<LogEntry> entries = delegate.poll(timeout);
                    pollingThreads.add(Thread.currentThread().getName());
                    polledFromBase.addAndGet(entries.size());
                    return entries;
                }
            };
            // Once in the mode, the master writes more (past the end the catch-up observed), and every later
            // commit waits until the read-ahead thread has polled all of it: at the catch-up's end entries
            // read past it are certainly waiting in the read-ahead.
            RecordingStore replica = new RecordingStore(MemoryDatabase.open(), 0) {
                @Override
                void afterWrite() {
                    if (!events.contains("begin")) {
                        return;
                    }
                    if (!events.contains("extras")) {
                        events.add("extras");
                        for (int i = 0; i < extras; i++) {
                            master.put(bytes("extra" + i), new byte[1_000]); // so a step takes at most 10
                        }
                        master.flush();
                    }
                    awaitPolled(polledFromBase, RECORDS + extras);
                }
            };
            try (Replayer replayer = Replayer.builder(replica, base).codec(TestStream.CODEC)
                    .headGuard(HeadGuard.none()).pollTimeout(Duration.ofMillis(5)).maxBatchBytes(BATCH_BYTES)
                    .bulkLoadAfterBytes(0).build()) {
                long caughtUp = replayer.catchUp();
                assertThat(pollingThreads).anyMatch(name -> name.startsWith("cattle-read-ahead-"));
                assertThat(readAheadThreads()).as("read-ahead threads after the catch-up").isZero();
                assertThat(caughtUp).as("records applied by the catch-up")
                        .isGreaterThanOrEqualTo(RECORDS).isLessThan(RECORDS + extras);
                assertThat(polledFromBase.get()).isEqualTo(RECORDS + extras);

                pollingThreads.clear();
                long applied = caughtUp;
                for (int steps = 0; applied < RECORDS + extras && steps < 1_000; steps++) {
                    applied += replayer.step();
                }
                assertThat(applied).as("records applied after the catch-up's steps").isEqualTo(RECORDS + extras);
                assertThat(pollingThreads).as("steps poll on the replay thread").containsOnly(
                        Thread.currentThread().getName());
            }
            assertThat(Keyspace.firstDifference(master, replica)).isEmpty();
        }
    }

    @Test
    @DisplayName("bulkLoadAfterBytes below -1 and a negative catchUpReadAheadBytes are refused")
    void negativeThresholdsAreRefused() {
        try (Database replica = MemoryDatabase.open()) {
            assertThatThrownBy(() -> stream.replayer(replica).bulkLoadAfterBytes(-2))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("bulkLoadAfterBytes must be -1 (never) or at least 0, was -2");
            assertThatThrownBy(() -> stream.replayer(replica).catchUpReadAheadBytes(-1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("catchUpReadAheadBytes must not be negative, was -1");
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

    private static void awaitPolled(AtomicLong polled, long entries) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (polled.get() < entries) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the read-ahead thread polled " + polled.get() + " of " + entries
                        + " entries within 30 s");
            }
            Thread.onSpinWait();
        }
    }

    private static long readAheadThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("cattle-read-ahead-"))
                .count();
    }

    /**
     * A memory store that takes the bulk-load hint and records, in order, each hint and each batch write;
     * its N-th batch write may fail.
     */
    private static class RecordingStore extends ForwardingDatabase {
        final List<String> events = new CopyOnWriteArrayList<>();
        private final int failingWrite;
        private int writes;

        /** @param failingWrite the 1-based batch write that throws, or 0 for none */
        RecordingStore(Database store, int failingWrite) {
            super(store);
            this.failingWrite = failingWrite;
        }

        /** Runs on the replay thread after each batch write; nothing by default. */
        void afterWrite() {
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
                    afterWrite();
                }
            };
        }
    }
}
