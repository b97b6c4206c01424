package org.ethercattle.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.ethercattle.api.Codecs;
import org.ethercattle.api.Database;
import org.ethercattle.api.Logs;
import org.ethercattle.api.Stores;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.log.Position;
import org.ethercattle.core.Keyspace;
import org.ethercattle.core.capture.CapturingDatabase;
import org.ethercattle.core.replay.Replayer;
import org.ethercattle.ethereum.workload.GethWorkload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A replica process is killed with SIGKILL at seeded random moments (measured in the CPU time it used) while
 * it replays (the master still writing during the first half of the kills), restarted each time, and must
 * still end with exactly the master's keyspace. Each kill is checked afterwards: the test counts the kills that landed mid-replay (the
 * replica's checkpoint had advanced since the previous kill but had not reached the log's end), so it
 * cannot pass by killing a replica that never did anything or had nothing left to do.
 *
 * <p>It runs once per disk store the replica can use, with that store's defaults: RocksDB 20 kills (the
 * foundation's requirement), LevelDB and LMDB 10 each, which keeps the whole class near three minutes on
 * an idle two-core machine while still landing several kills mid-replay per store. The master
 * is on RocksDB for every row: it only generates the log, and LMDB's per-commit flush made a master on
 * LMDB the slowest part of that row.
 */
class ReplicaCrashTest {

    private static final long SEED = 0xCA77_1EL;
    /** Blocks in the log before the first replica starts, so the early lives have a backlog to replay. */
    private static final int BACKLOG_BLOCKS = 300;
    private static final int MAX_LIVE_BLOCKS = 1200;
    /**
     * Blocks the master writes at full speed when told to finish, so the later kills, too, find a backlog
     * to replay rather than a replica idling at the log's end.
     */
    private static final int FINAL_BURST_BLOCKS = 500;
    private static final int LIVE_BLOCKS_PER_SECOND = 60;
    /**
     * Kill moments, in CPU time the replica process has used since it said it opened its store and starts
     * replaying. CPU time rather than wall time, because the replay a kill interrupts is what the replica
     * did with the CPU it got: on a machine shared with other builds a wall-clock delay can end before a
     * replica has committed anything. About a second and a half of wall time on an idle two-core machine.
     */
    private static final int MAX_KILL_CPU_MILLIS = 2000;
    /**
     * A replica that has caught up idles and uses almost no CPU, so a life also ends after this much wall
     * time since replay started.
     */
    private static final long MAX_LIFE_MILLIS = 5000;
    /** Hang guard for a replica's JVM to start and open its store. */
    private static final long START_SECONDS = 120;
    /**
     * Small group-commit batches, so a life of a second commits several times and kills land before,
     * during and after batch writes; the default (8 MiB) would commit about once per life.
     */
    private static final String MAX_BATCH_BYTES = "1m";
    private static final String REPLAY_STARTED = "replica: store ";
    private static final int MIN_MID_REPLAY_KILLS = 3;

    @TempDir
    Path dir;

    /** Every replica process started, so none outlives a failed test holding the store's lock. */
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() throws InterruptedException {
        for (Process process : started) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** The stores under test and the SIGKILLs each gets. */
    static Stream<Arguments> stores() {
        return Stream.of(Arguments.of("rocksdb", 20), Arguments.of("leveldb", 10), Arguments.of("lmdb", 10));
    }

    @ParameterizedTest(name = "{0}: a replica SIGKILLed {1} times mid-replay ends with exactly the master''s keyspace")
    @MethodSource("stores")
    @DisplayName("a replica SIGKILLed again and again mid-replay ends with exactly the master's keyspace")
    void replicaSurvivesKills(String scheme, int kills) throws Exception {
        String masterSpec = "rocksdb:" + dir.resolve("master");
        String logSpec = "file:" + dir.resolve("log");
        String replicaSpec = scheme + ":" + dir.resolve("replica");
        Random random = new Random(SEED);
        GethWorkload workload = new GethWorkload(SEED);

        try (CapturingDatabase master = new CapturingDatabase(
                Stores.open(masterSpec), Logs.openProducer(logSpec), Codecs.get(Codecs.DEFAULT))) {
            for (int i = 0; i < BACKLOG_BLOCKS; i++) {
                workload.writeNextBlock(master);
            }
            master.flush();
            LiveMaster live = new LiveMaster(master, workload);
            live.start();
            try {
                killAndRestart(logSpec, replicaSpec, kills, random, live);
            } finally {
                live.finish();
                live.join();
            }
            live.rethrow();
            master.flush();

            CattleProcess last = startReplica(replicaSpec, logSpec, true, kills + 1);
            assertThat(last.process().waitFor(5, TimeUnit.MINUTES)).as("final catch-up finished").isTrue();
            assertThat(last.process().exitValue()).as("final replica exit code; output:%n%s", last.output()).isZero();

            try (Database replica = Stores.open(replicaSpec)) {
                assertThat(Keyspace.firstDifference(master, replica)).as("first difference from the master").isEmpty();
                assertThat(Keyspace.countUserKeys(replica)).isEqualTo(Keyspace.countUserKeys(master)).isPositive();
            }
        }
    }

    /**
     * Starts, kills and restarts the replica {@code kills} times, telling the master to finish half-way, and
     * checks that enough kills landed mid-replay.
     */
    private void killAndRestart(String logSpec, String replicaSpec, int kills, Random random, LiveMaster live)
            throws IOException, InterruptedException {
        List<String> report = new ArrayList<>();
        int midReplayKills = 0;
        Position previous = null;
        for (int kill = 1; kill <= kills; kill++) {
            CattleProcess life = startReplica(replicaSpec, logSpec, false, kill);
            Process replica = life.process();
            long delay = random.nextInt(MAX_KILL_CPU_MILLIS + 1);
            life.awaitOutput(REPLAY_STARTED, START_SECONDS);
            long wallMillis = awaitCpuTime(replica, delay);
            if (!replica.isAlive()) {
                fail("replica life %d exited by itself with code %d before it was killed:%n%s", kill,
                        replica.exitValue(), life.output());
            }
            replica.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no flush
            assertThat(replica.waitFor(30, TimeUnit.SECONDS)).as("replica process %d gone", kill).isTrue();

            Optional<Position> checkpoint = checkpoint(replicaSpec, logSpec);
            Optional<Position> end = logEnd(logSpec);
            boolean advanced = checkpoint.isPresent()
                    && (previous == null || checkpoint.get().compareTo(previous) > 0);
            boolean atEnd = checkpoint.isPresent() && end.isPresent() && checkpoint.get().compareTo(end.get()) >= 0;
            if (advanced && !atEnd) {
                midReplayKills++;
            }
            report.add("kill " + kill + " after " + delay + " ms CPU (" + wallMillis + " ms wall): checkpoint "
                    + checkpoint.orElse(null)
                    + ", log end " + end.orElse(null) + (live.isAlive() ? " (master writing)" : ""));
            previous = checkpoint.orElse(previous);
            if (kill == kills / 2) { // the master keeps writing, paced, for the first half of the kills
                live.finish();
            }
        }
        System.out.println(String.join("\n", report) + "\nmid-replay kills: " + midReplayKills);
        assertThat(midReplayKills)
                .as("kills that landed mid-replay (checkpoint advanced, not at the log end):%n%s",
                        String.join("\n", report))
                .isGreaterThanOrEqualTo(MIN_MID_REPLAY_KILLS);
    }

    /**
     * Waits until {@code process} has used {@code cpuMillis} more CPU time than now, it exits, or
     * {@link #MAX_LIFE_MILLIS} pass; returns the wall-clock milliseconds waited.
     */
    private static long awaitCpuTime(Process process, long cpuMillis) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(MAX_LIFE_MILLIS);
        Duration from = cpuTime(process);
        while (process.isAlive() && System.nanoTime() < deadline
                && cpuTime(process).minus(from).toMillis() < cpuMillis) {
            Thread.sleep(5);
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private static Duration cpuTime(Process process) {
        return process.info().totalCpuDuration().orElseThrow(() -> new AssertionError(
                "this platform does not report a process's CPU time, which the kill moments are measured in"));
    }

    /** Starts {@code cattle replica} in a separate JVM with this test's classpath, output to a file per life. */
    private CattleProcess startReplica(String storeSpec, String logSpec, boolean exitWhenCaughtUp, int life)
            throws IOException {
        List<String> args = new ArrayList<>(List.of("replica", "--store", storeSpec, "--log", logSpec,
                "--max-batch-bytes", MAX_BATCH_BYTES));
        if (exitWhenCaughtUp) {
            args.add("--exit-when-caught-up");
        }
        CattleProcess process = CattleProcess.start(dir.resolve("replica-life-" + life + ".out"),
                args.toArray(String[]::new));
        started.add(process.process());
        return process;
    }

    /** The position the replica's store says it has applied everything up to (its checkpoint). */
    private static Optional<Position> checkpoint(String storeSpec, String logSpec) {
        try (Database store = Stores.open(storeSpec);
                LogConsumer log = Logs.openConsumer(logSpec);
                Replayer replayer = Replayer.builder(store, log).build()) {
            return replayer.resumedAfter();
        }
    }

    private static Optional<Position> logEnd(String logSpec) {
        try (LogConsumer log = Logs.openConsumer(logSpec)) {
            return log.endPosition();
        }
    }

    /** The master writing more blocks, paced, with heartbeats, while the replica is killed. */
    private static final class LiveMaster extends Thread {

        private final CapturingDatabase master;
        private final GethWorkload workload;
        private volatile Throwable failure;
        private volatile boolean finish;

        LiveMaster(CapturingDatabase master, GethWorkload workload) {
            super("live-master");
            this.master = master;
            this.workload = workload;
        }

        @Override
        public void run() {
            try {
                long start = System.nanoTime();
                for (int i = 0; i < MAX_LIVE_BLOCKS && !finish; i++) {
                    workload.writeNextBlock(master);
                    if (i % LIVE_BLOCKS_PER_SECOND == 0) {
                        master.heartbeat();
                    }
                    long due = start + TimeUnit.SECONDS.toNanos(i + 1) / LIVE_BLOCKS_PER_SECOND;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                }
                for (int i = 0; i < FINAL_BURST_BLOCKS; i++) {
                    workload.writeNextBlock(master);
                }
                master.heartbeat();
            } catch (Throwable t) {
                failure = t;
            }
        }

        /** Asks the master to stop pacing, write its final burst and stop. */
        void finish() {
            finish = true;
        }

        void rethrow() {
            if (failure != null) {
                throw new AssertionError("the master failed while writing", failure);
            }
        }
    }
}
