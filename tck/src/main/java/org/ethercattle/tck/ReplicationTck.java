package org.ethercattle.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.ethercattle.api.Batch;
import org.ethercattle.api.Codecs;
import org.ethercattle.api.Cursor;
import org.ethercattle.api.Database;
import org.ethercattle.api.Logs;
import org.ethercattle.api.ReservedKeys;
import org.ethercattle.api.Stores;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.log.LogEntry;
import org.ethercattle.api.log.LogProducer;
import org.ethercattle.api.log.Position;
import org.ethercattle.core.Keyspace;
import org.ethercattle.core.capture.CapturingDatabase;
import org.ethercattle.core.guard.SeenValueGuard;
import org.ethercattle.core.replay.Replayer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * End to end through one store kind and one log kind: a master ({@link CapturingDatabase} over a store
 * and a producer) writes a seeded workload, replicas ({@link Replayer} into another store of the same
 * kind) replay it, and the suite compares whole keyspaces. It covers chunked batches, resuming from
 * the checkpoint, replaying twice, the head guard, and that readers never see part of a batch.
 *
 * <p>Subclass it once per store x log pair and implement {@link #newStoreSpec(Path)} and
 * {@link #newLogSpec(Path)}; the store must be persistent (a replica resumes from what it stored).
 * Give the log a small message limit in its spec if it takes one (e.g. 64 KiB): batches bigger than
 * the limit are part of every workload, and their size follows it.
 */
public abstract class ReplicationTck extends TckFixture {

    /** A spec for a fresh, empty, persistent store under {@code emptyDirectory}; used for masters and replicas. */
    protected abstract String newStoreSpec(Path emptyDirectory);

    /** A spec for a fresh, empty stream under {@code emptyDirectory}. */
    protected abstract String newLogSpec(Path emptyDirectory);

    /** The wire format the master writes and replicas read; default {@link Codecs#DEFAULT}. */
    protected String codec() {
        return Codecs.DEFAULT;
    }

    /**
     * The head keys every replica of the suite guards with the seen-value rule, which the head-guard rule is
     * checked on (geth's names, as the replayer guarded by default before core knew no head keys).
     */
    private static final List<byte[]> HEAD_KEYS =
            List.of(Bytes.utf8("LastHeader"), Bytes.utf8("LastBlock"), Bytes.utf8("LastFast"));

    /** A master on a new store, appending to {@code logSpec}. */
    private CapturingDatabase master(String logSpec) {
        return closeAfterTest(new CapturingDatabase(Stores.open(newStoreSpec(newDirectory("master"))),
                Logs.openProducer(logSpec), Codecs.get(codec())));
    }

    /** A replica of {@code logSpec} in the store {@code storeSpec}, resuming from its checkpoint if it has one. */
    private Replica replica(String storeSpec, String logSpec, long maxBatchBytes) {
        Database store = Stores.open(storeSpec);
        LogConsumer consumer = Logs.openConsumer(logSpec);
        Replayer replayer = Replayer.builder(store, consumer).codec(Codecs.get(codec()))
                .headGuard(new SeenValueGuard(HEAD_KEYS)).maxBatchBytes(maxBatchBytes)
                .pollTimeout(Duration.ofMillis(10)).build();
        return closeAfterTest(new Replica(store, consumer, replayer));
    }

    private Replica replica(String storeSpec, String logSpec) {
        return replica(storeSpec, logSpec, 8L << 20);
    }

    private String newReplicaSpec() {
        return newStoreSpec(newDirectory("replica"));
    }

    /** The stream's message limit, asked of a producer of its own. */
    private static int maxMessageBytes(String logSpec) {
        try (LogProducer probe = Logs.openProducer(logSpec)) {
            return probe.maxMessageBytes();
        }
    }

    private static void assertSameKeyspace(Database master, Database replica) {
        Optional<String> difference = Keyspace.firstDifference(master, replica);
        assertThat(difference).as("first difference between master and replica").isEmpty();
    }

    /** Every entry of the stream, read by a consumer of its own. */
    private static List<LogEntry> allEntries(String logSpec) {
        try (LogConsumer consumer = Logs.openConsumer(logSpec)) {
            Optional<Position> end = consumer.endPosition();
            return end.isEmpty() ? List.of() : Await.through(consumer, end.get());
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    @DisplayName("after a seeded random workload and catchUp, the replica holds exactly the master's keys and values")
    void required_replicaEqualsMasterAfterRandomWorkload(long seed) {
        String logSpec = newLogSpec(newDirectory("log"));
        CapturingDatabase master = master(logSpec);
        ReplicationWorkload workload = new ReplicationWorkload(seed, maxMessageBytes(logSpec));
        workload.run(master, 600);
        master.flush();
        Replica replica = replica(newReplicaSpec(), logSpec);
        long applied = replica.replayer().catchUp();
        assertThat(applied).as("records applied, seed %d", seed).isEqualTo(workload.records());
        assertThat(replica.replayer().stats().failure()).isNull();
        assertSameKeyspace(master, replica.store());
    }

    @Test
    @DisplayName("batches larger than one log message travel in several messages and arrive whole")
    void required_oversizedBatchesArriveWhole() {
        String logSpec = newLogSpec(newDirectory("log"));
        CapturingDatabase master = master(logSpec);
        ReplicationWorkload workload = new ReplicationWorkload(99, maxMessageBytes(logSpec));
        for (int i = 0; i < 3; i++) {
            workload.oversizedBatch(master);
        }
        master.flush();
        assertThat(allEntries(logSpec)).as("log entries for 3 oversized records").hasSizeGreaterThan(3);
        Replica replica = replica(newReplicaSpec(), logSpec);
        assertThat(replica.replayer().catchUp()).isEqualTo(3);
        assertSameKeyspace(master, replica.store());
    }

    /**
     * Requires a codec that splits a record's bytes rather than its ops (the native one does); the
     * Ether Cattle format carries one op per message and cannot.
     */
    @Test
    @DisplayName("a single value larger than one log message travels in several messages and arrives whole")
    void required_valueLargerThanOneMessageArrivesWhole() {
        String logSpec = newLogSpec(newDirectory("log"));
        CapturingDatabase master = master(logSpec);
        int limit = maxMessageBytes(logSpec);
        byte[] value = Bytes.pattern(limit + limit / 2, 1);
        master.put(Bytes.utf8("one big value"), value);
        master.flush();
        assertThat(allEntries(logSpec)).as("log entries for 1 record").hasSizeGreaterThan(1);
        Replica replica = replica(newReplicaSpec(), logSpec);
        assertThat(replica.replayer().catchUp()).isEqualTo(1);
        assertThat(replica.store().get(Bytes.utf8("one big value"))).isEqualTo(value);
    }

    @Test
    @DisplayName("two masters writing disjoint keys at the same time, with interleaved chunked batches, both replicate")
    void required_twoConcurrentMastersBothReplicate() throws Exception {
        String logSpec = newLogSpec(newDirectory("log"));
        int limit = maxMessageBytes(logSpec);
        byte[][] prefixes = {Bytes.utf8("m1/"), Bytes.utf8("m2/")};
        CapturingDatabase[] masters = {master(logSpec), master(logSpec)};
        ExecutorService writers = Executors.newFixedThreadPool(2);
        long records = 0;
        try {
            List<Future<Long>> runs = new ArrayList<>();
            CountDownLatch bothReady = new CountDownLatch(2);
            for (int m = 0; m < 2; m++) {
                CapturingDatabase master = masters[m];
                ReplicationWorkload workload = new ReplicationWorkload(40 + m, limit, prefixes[m]);
                runs.add(writers.submit(() -> {
                    bothReady.countDown();
                    bothReady.await();
                    for (int round = 0; round < 6; round++) {
                        workload.oversizedBatch(master);
                        workload.run(master, 40);
                    }
                    master.flush();
                    return workload.records();
                }));
            }
            for (Future<Long> run : runs) {
                records += run.get(2, TimeUnit.MINUTES);
            }
        } finally {
            writers.shutdownNow();
        }
        Replica replica = replica(newReplicaSpec(), logSpec);
        assertThat(replica.replayer().catchUp()).as("records of both masters").isEqualTo(records);
        for (int m = 0; m < 2; m++) {
            assertThat(read(replica.store(), prefixes[m])).as("keys of master %d on the replica", m + 1)
                    .containsExactlyElementsOf(read(masters[m], prefixes[m]));
        }
        assertThat(Keyspace.countUserKeys(replica.store()))
                .isEqualTo(Keyspace.countUserKeys(masters[0]) + Keyspace.countUserKeys(masters[1]));
    }

    private static List<KeyValue> read(Database db, byte[] prefix) {
        try (Cursor cursor = db.cursor(prefix, new byte[0])) {
            return KeyValue.drain(cursor);
        }
    }

    @Test
    @DisplayName("a replica running beside a master that keeps writing follows it and ends equal once stopped")
    void required_liveReplicaFollowsAWritingMaster() throws Exception {
        String logSpec = newLogSpec(newDirectory("log"));
        CapturingDatabase master = master(logSpec);
        ReplicationWorkload workload = new ReplicationWorkload(13, maxMessageBytes(logSpec));
        Replica replica = replica(newReplicaSpec(), logSpec);
        ExecutorService replayThread = Executors.newSingleThreadExecutor();
        try {
            Future<?> running = replayThread.submit(replica.replayer()::run);
            for (int round = 0; round < 5; round++) {
                workload.run(master, 100);
                workload.oversizedBatch(master);
            }
            master.flush();
            Position end;
            try (LogConsumer probe = Logs.openConsumer(logSpec)) {
                end = probe.endPosition().orElseThrow();
            }
            Instant deadline = Instant.now().plus(Await.PATIENCE);
            while (!running.isDone() && !reached(replica.replayer().stats().lastPosition(), end)) {
                assertThat(Instant.now()).as("replica reaching %s within %s", end, Await.PATIENCE).isBefore(deadline);
                Thread.sleep(10);
            }
            replica.replayer().stop();
            running.get(2, TimeUnit.MINUTES);
        } finally {
            replayThread.shutdownNow();
        }
        assertThat(replica.replayer().stats().failure()).isNull();
        assertThat(replica.replayer().stats().recordsApplied()).isEqualTo(workload.records());
        assertSameKeyspace(master, replica.store());
    }

    private static boolean reached(Position replayed, Position end) {
        return replayed != null && replayed.compareTo(end) >= 0;
    }

    @Test
    @DisplayName("a replica closed and reopened between two workloads resumes after its checkpoint and ends equal")
    void required_replicaResumesFromItsCheckpoint() {
        String logSpec = newLogSpec(newDirectory("log"));
        CapturingDatabase master = master(logSpec);
        ReplicationWorkload workload = new ReplicationWorkload(7, maxMessageBytes(logSpec));
        workload.run(master, 300);
        master.flush();
        String replicaSpec = newReplicaSpec();
        Replica first = replica(replicaSpec, logSpec);
        assertThat(first.replayer().resumedAfter()).as("a new replica starts at the log's start").isEmpty();
        first.replayer().catchUp();
        Position reached = first.replayer().stats().lastPosition();
        first.close();

        long recordsBefore = workload.records();
        workload.run(master, 300);
        master.flush();
        Replica second = replica(replicaSpec, logSpec);
        assertThat(second.replayer().resumedAfter()).as("resumed after the checkpoint").contains(reached);
        assertThat(second.replayer().catchUp()).as("records applied after resuming")
                .isEqualTo(workload.records() - recordsBefore);
        assertSameKeyspace(master, second.store());
    }

    @Test
    @DisplayName("a replica stopped after any number of replay steps, even inside a chunked batch, resumes to equal")
    void required_replicaStoppedAtAnyStepResumesToEqual() {
        String logSpec = newLogSpec(newDirectory("log"));
        CapturingDatabase master = master(logSpec);
        ReplicationWorkload workload = new ReplicationWorkload(11, maxMessageBytes(logSpec));
        workload.run(master, 200);
        for (int i = 0; i < 3; i++) {
            workload.oversizedBatch(master);
        }
        workload.run(master, 50);
        master.flush();
        for (int steps : new int[] {1, 2, 3, 5, 8, 13, 21}) {
            String replicaSpec = newReplicaSpec();
            // A small group-commit size makes each step commit a few records, so stops land everywhere.
            Replica interrupted = replica(replicaSpec, logSpec, 2048);
            for (int s = 0; s < steps; s++) {
                interrupted.replayer().step();
            }
            interrupted.close();
            Replica resumed = replica(replicaSpec, logSpec, 2048);
            resumed.replayer().catchUp();
            assertThat(Keyspace.firstDifference(master, resumed.store()))
                    .as("first difference after stopping at step %d", steps).isEmpty();
            resumed.close();
        }
    }

    @Test
    @DisplayName("replaying the whole log a second time into the same replica leaves it equal to the master")
    void required_replayingTwiceLeavesTheReplicaEqual() {
        String logSpec = newLogSpec(newDirectory("log"));
        CapturingDatabase master = master(logSpec);
        ReplicationWorkload workload = new ReplicationWorkload(5, maxMessageBytes(logSpec));
        workload.run(master, 400);
        master.flush();
        String replicaSpec = newReplicaSpec();
        Replica first = replica(replicaSpec, logSpec);
        first.replayer().catchUp();
        first.close();

        forgetCheckpoint(replicaSpec);
        Replica again = replica(replicaSpec, logSpec);
        assertThat(again.replayer().resumedAfter()).as("without a checkpoint replay starts over").isEmpty();
        assertThat(again.replayer().catchUp()).isEqualTo(workload.records());
        assertSameKeyspace(master, again.store());
    }

    /** Deletes Cattle's bookkeeping (checkpoint, guard memory) from a store, keeping the data. */
    private static void forgetCheckpoint(String storeSpec) {
        try (Database store = Stores.open(storeSpec)) {
            List<byte[]> reserved = new ArrayList<>();
            try (Cursor cursor = store.cursor(ReservedKeys.PREFIX, new byte[0])) {
                while (cursor.next()) {
                    reserved.add(cursor.key());
                }
            }
            assertThat(reserved).as("bookkeeping keys of a replayed store").isNotEmpty();
            reserved.forEach(store::delete);
        }
    }

    @Test
    @DisplayName("a head key written again with a value already seen does not move, also after the replica restarts")
    void required_headKeyWithASeenValueDoesNotMove() {
        String logSpec = newLogSpec(newDirectory("log"));
        CapturingDatabase leading = master(logSpec);
        CapturingDatabase lagging = master(logSpec);
        byte[] lastBlock = Bytes.utf8("LastBlock");
        byte[] lastHeader = Bytes.utf8("LastHeader");
        leading.put(lastBlock, Bytes.utf8("hash-1"));
        leading.put(Bytes.utf8("block-2"), Bytes.utf8("data"));
        leading.put(lastBlock, Bytes.utf8("hash-2"));
        leading.flush();
        lagging.put(lastBlock, Bytes.utf8("hash-1"));
        lagging.put(lastHeader, Bytes.utf8("header-1"));
        lagging.flush();

        String replicaSpec = newReplicaSpec();
        Replica replica = replica(replicaSpec, logSpec);
        replica.replayer().catchUp();
        assertThat(replica.store().get(lastBlock)).as("LastBlock after a seen value").isEqualTo(Bytes.utf8("hash-2"));
        assertThat(replica.store().get(lastHeader)).as("a head key's first value").isEqualTo(Bytes.utf8("header-1"));
        assertThat(replica.store().get(Bytes.utf8("block-2"))).isEqualTo(Bytes.utf8("data"));
        replica.close();

        lagging.put(lastBlock, Bytes.utf8("hash-1"));
        lagging.flush();
        Replica restarted = replica(replicaSpec, logSpec);
        restarted.replayer().catchUp();
        assertThat(restarted.store().get(lastBlock)).as("LastBlock after a restart and a seen value")
                .isEqualTo(Bytes.utf8("hash-2"));
        leading.put(lastBlock, Bytes.utf8("hash-3"));
        leading.flush();
        restarted.replayer().catchUp();
        assertThat(restarted.store().get(lastBlock)).as("LastBlock after a new value").isEqualTo(Bytes.utf8("hash-3"));
    }

    @Test
    @DisplayName("heartbeats replay as no records and change no data, but move the replica's position")
    void required_heartbeatsChangeNoData() {
        String logSpec = newLogSpec(newDirectory("log"));
        CapturingDatabase master = master(logSpec);
        master.put(Bytes.utf8("k"), Bytes.utf8("v"));
        master.heartbeat();
        master.heartbeat();
        master.flush();
        Replica replica = replica(newReplicaSpec(), logSpec);
        assertThat(replica.replayer().catchUp()).isEqualTo(1);
        assertThat(replica.replayer().stats().lastPosition()).isEqualTo(replica.consumer().endPosition().orElseThrow());
        assertSameKeyspace(master, replica.store());
    }

    @Test
    @DisplayName("a reader of the replica during replay sees every batch whole or not at all")
    void required_replicaNeverShowsPartOfABatch() throws Exception {
        String logSpec = newLogSpec(newDirectory("log"));
        CapturingDatabase master = master(logSpec);
        int limit = maxMessageBytes(logSpec);
        int keysPerBatch = 32;
        int generations = 60;
        byte[] prefix = Bytes.utf8("gen/");
        for (int generation = 1; generation <= generations; generation++) {
            // Every tenth generation is bigger than one log message, so it arrives in chunks.
            int padding = generation % 10 == 0 ? Math.max(8, 2 * limit / keysPerBatch) : 8;
            try (Batch batch = master.newBatch()) {
                for (int k = 0; k < keysPerBatch; k++) {
                    byte[] value = Bytes.concat(Bytes.ofLong(generation), new byte[padding]);
                    batch.put(Bytes.concat(prefix, Bytes.ofLong(k)), value);
                }
                batch.write();
            }
        }
        master.flush();

        Replica replica = replica(newReplicaSpec(), logSpec, 1);
        AtomicBoolean replaying = new AtomicBoolean(true);
        CountDownLatch readerStarted = new CountDownLatch(1);
        ExecutorService replayThread = Executors.newSingleThreadExecutor();
        int views = 0;
        try {
            Future<Long> replay = replayThread.submit(() -> {
                try {
                    readerStarted.await();
                    return replica.replayer().catchUp();
                } finally {
                    replaying.set(false);
                }
            });
            readerStarted.countDown();
            while (replaying.get() || views < 20) {
                List<KeyValue> entries;
                try (Cursor cursor = replica.store().cursor(prefix, new byte[0])) {
                    entries = KeyValue.drain(cursor);
                }
                views++;
                assertThat(entries.size()).as("view %d: keys of one batch", views).isIn(0, keysPerBatch);
                if (!entries.isEmpty()) {
                    long generation = Bytes.toLong(entries.get(0).value(), 0);
                    assertThat(entries).as("view %d: one generation", views)
                            .allSatisfy(e -> assertThat(Bytes.toLong(e.value(), 0)).isEqualTo(generation));
                }
            }
            assertThat(replay.get(2, TimeUnit.MINUTES)).isEqualTo(generations);
        } finally {
            replayThread.shutdownNow();
        }
        assertSameKeyspace(master, replica.store());
    }
}
