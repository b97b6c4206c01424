package org.ethercattle.log.pulsar;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.ethercattle.api.Batch;
import org.ethercattle.api.Codecs;
import org.ethercattle.api.Database;
import org.ethercattle.api.Logs;
import org.ethercattle.api.Stores;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.log.Position;
import org.ethercattle.core.Keyspace;
import org.ethercattle.core.capture.CapturingDatabase;
import org.ethercattle.core.replay.ReplayStats;
import org.ethercattle.core.replay.Replayer;
import org.ethercattle.brokers.PulsarStandalone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared broker is SIGKILLed and restarted (same ports, same data) between a master's writes (the
 * master writing on while it is down) and while a replica replays. Nothing may be lost or applied out of order: the replayer stops on any gap in the
 * master's record sequence and drops resent duplicates, so an unfailed replay that ends equal to the
 * master, key for key, shows both. Batches larger than the 16 KiB message limit travel as chunks.
 */
class PulsarBrokerKillTest {

    private static final Duration PATIENCE = Duration.ofMinutes(5);
    /** Lets the bookie finish writing what it acknowledged before the SIGKILL (see the capture test). */
    private static final long QUIET_BEFORE_KILL_MILLIS = 500;
    private static final int LIMIT = 16 * 1024;

    @TempDir
    Path directory;

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void brokerRunsAgainForTheNextTest() throws InterruptedException {
        threads.shutdownNow();
        threads.awaitTermination(1, TimeUnit.MINUTES);
        PulsarStandalone broker = PulsarStandalone.shared();
        assertThat(broker.isRunning()).isTrue();
    }

    @Test
    @DisplayName("broker SIGKILLed between two of the master's writes and restarted while the master keeps writing:"
            + " the replica ends equal to the master")
    void brokerKilledDuringCapture() throws Exception {
        // A send timeout well above the restart's few seconds: if the broker cannot serve the topic again,
        // the master's appends fail and the test fails, instead of close() waiting for them forever.
        String spec = PulsarTopics.spec(directory, "maxMessageBytes=16k&sendTimeout=2m");
        PulsarStandalone broker = PulsarStandalone.shared();
        try (CapturingDatabase master = new CapturingDatabase(Stores.open("memory:" + directory.resolve("master")),
                Logs.openProducer(spec), Codecs.get(Codecs.DEFAULT))) {
            AtomicLong steps = new AtomicLong();
            AtomicLong stopAfter = new AtomicLong(Long.MAX_VALUE);
            AtomicBoolean pause = new AtomicBoolean();
            CountDownLatch paused = new CountDownLatch(1);
            Random random = new Random(42);
            Future<?> writing = threads.submit(() -> {
                while (steps.get() < stopAfter.get()) {
                    if (pause.get()) {
                        paused.countDown();
                        while (pause.get()) {
                            Thread.sleep(1);
                        }
                    }
                    writeOneStep(master, random);
                    steps.incrementAndGet();
                }
                return null;
            });
            await(() -> steps.get() >= 500 || writing.isDone(), "the master's first 500 writes");
            assertThat(writing).as("the master must still be writing when the broker dies").isNotDone();
            // The kill comes with no append in flight: killed in the middle of a write, Pulsar standalone's
            // single bookie can leave a ledger it cannot recover (apache/pulsar#22906), a broker failure no
            // client can mend. What this test checks is the master writing on while the broker is down.
            pause.set(true);
            assertThat(paused.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).as("writer paused").isTrue();
            master.flush();
            Thread.sleep(QUIET_BEFORE_KILL_MILLIS);
            broker.kill();
            long atKill = steps.get();
            pause.set(false);
            broker.restart();
            stopAfter.set(steps.get() + 500);
            try {
                writing.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            } finally {
                // A writer still blocked in an append (Pulsar's queue full while the broker cannot serve the
                // topic) holds the master's lock: interrupt it, or closing the master would wait forever and
                // the test would hang instead of failing.
                writing.cancel(true);
            }
            master.flush();
            assertThat(atKill).isLessThan(steps.get());

            try (Database replica = Stores.open("memory:" + directory.resolve("replica"));
                 LogConsumer consumer = Logs.openConsumer(spec);
                 Replayer replayer = Replayer.builder(replica, consumer).build()) {
                replayer.catchUp();
                assertThat(replayer.stats().failed()).as("replay failure: %s", replayer.stats().failure()).isFalse();
                assertThat(replayer.stats().recordsApplied()).isEqualTo(steps.get());
                assertThat(Keyspace.firstDifference(master, replica)).as("first difference").isEmpty();
            }
        }
    }

    @Test
    @DisplayName("broker SIGKILLed and restarted while a replica replays: the replica resumes and ends equal to the master")
    void brokerKilledDuringReplay() throws Exception {
        String spec = PulsarTopics.spec(directory, "maxMessageBytes=16k");
        PulsarStandalone broker = PulsarStandalone.shared();
        int records = 5000;
        try (CapturingDatabase master = new CapturingDatabase(Stores.open("memory:" + directory.resolve("master")),
                Logs.openProducer(spec), Codecs.get(Codecs.DEFAULT))) {
            Random random = new Random(7);
            for (int i = 0; i < records; i++) {
                writeOneStep(master, random);
            }
            master.flush();
            Position end;
            try (LogConsumer probe = Logs.openConsumer(spec)) {
                end = probe.endPosition().orElseThrow();
            }

            // A small prefetch keeps the replica busy long enough to be caught mid-replay.
            try (Database replica = Stores.open("memory:" + directory.resolve("replica"));
                 LogConsumer consumer = Logs.openConsumer(spec + "&receiverQueueSize=5");
                 Replayer replayer = Replayer.builder(replica, consumer).maxBatchBytes(64 * 1024)
                         .pollTimeout(Duration.ofMillis(100)).build()) {
                Future<?> replaying = threads.submit(replayer::run);
                await(() -> replayer.stats().recordsApplied() >= 300 || replaying.isDone(), "300 records replayed");
                broker.kill();
                long atKill = replayer.stats().recordsApplied();
                assertThat(atKill).as("the replica must be mid-replay when the broker dies").isLessThan(records);
                broker.restart();
                try (LogConsumer probe = Logs.openConsumer(spec)) {
                    // The restarted broker opens a new, empty ledger; the end is still the last entry written.
                    assertThat(probe.endPosition()).as("end after the restart").contains(end);
                }
                await(() -> caughtUp(replayer.stats(), end) || replaying.isDone(), "the replica catching up");
                replayer.stop();
                replaying.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
                assertThat(replayer.stats().failed()).as("replay failure: %s", replayer.stats().failure()).isFalse();
                assertThat(replayer.stats().recordsApplied()).isEqualTo(records);
                assertThat(Keyspace.firstDifference(master, replica)).as("first difference").isEmpty();
            }
        }
    }

    private static boolean caughtUp(ReplayStats stats, Position end) {
        return stats.failed() || (stats.lastPosition() != null && stats.lastPosition().compareTo(end) >= 0);
    }

    /** One master write: a put, a delete, a small batch, or (1 in 30) a batch of about three messages. */
    private static void writeOneStep(Database master, Random random) {
        int dice = random.nextInt(30);
        if (dice == 0) {
            try (Batch batch = master.newBatch()) {
                for (int op = 0; op < 24; op++) {
                    batch.put(key(random), value(random, LIMIT / 8));
                }
                batch.write();
            }
        } else if (dice < 15) {
            master.put(key(random), value(random, random.nextInt(200)));
        } else if (dice < 20) {
            master.delete(key(random));
        } else {
            try (Batch batch = master.newBatch()) {
                int ops = 1 + random.nextInt(30);
                for (int op = 0; op < ops; op++) {
                    if (random.nextInt(5) == 0) {
                        batch.delete(key(random));
                    } else {
                        batch.put(key(random), value(random, random.nextInt(300)));
                    }
                }
                batch.write();
            }
        }
    }

    private static byte[] key(Random random) {
        return new byte[] {'k', (byte) random.nextInt(64), (byte) random.nextInt(64)};
    }

    private static byte[] value(Random random, int length) {
        byte[] value = new byte[length];
        random.nextBytes(value);
        return value;
    }

    // A hang guard, not a timing check.
    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waiting for " + what).isBefore(deadline);
            Thread.sleep(20);
        }
    }
}
