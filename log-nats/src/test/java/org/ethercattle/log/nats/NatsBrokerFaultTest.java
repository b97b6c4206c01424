package org.ethercattle.log.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
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
import org.ethercattle.api.StoreException;
import org.ethercattle.api.Stores;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.log.LogEntry;
import org.ethercattle.api.log.LogException;
import org.ethercattle.api.log.LogProducer;
import org.ethercattle.api.log.Position;
import org.ethercattle.core.Keyspace;
import org.ethercattle.core.capture.CapturingDatabase;
import org.ethercattle.core.replay.Replayer;
import org.ethercattle.brokers.NatsServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server SIGKILLed and restarted (same port and store) while a replica replays and while a master
 * captures: nothing is lost, duplicated in the stream or reordered, and the replica ends equal to the
 * master. During an outage a producer retries each message for {@code retryFor}; an outage longer than
 * that fail-stops the master. These tests use a server of their own, never the shared one.
 */
class NatsBrokerFaultTest {

    private static final Duration PATIENCE = Duration.ofSeconds(120);

    private static NatsServer server;

    @TempDir
    Path directory;

    @BeforeAll
    static void startOwnServer() {
        server = NatsServer.start();
    }

    @AfterAll
    static void stopOwnServer() {
        if (server != null) {
            server.close();
        }
    }

    /** Random puts, deletes and batches on a small key space; every 25th record is bigger than one message. */
    private static final class Workload {
        private final Random random;
        private long records;

        Workload(long seed) {
            random = new Random(seed);
        }

        void step(Database master) {
            int dice = random.nextInt(25);
            if (dice == 0) {
                try (Batch batch = master.newBatch()) {
                    for (int i = 0; i < 6; i++) {
                        batch.put(key(), bytes(1500));
                    }
                    batch.write();
                }
            } else if (dice < 12) {
                master.put(key(), bytes(random.nextInt(300)));
            } else if (dice < 16) {
                master.delete(key());
            } else {
                try (Batch batch = master.newBatch()) {
                    for (int i = 1 + random.nextInt(10); i > 0; i--) {
                        batch.put(key(), bytes(random.nextInt(100)));
                    }
                    batch.delete(key());
                    batch.write();
                }
            }
            records++;
        }

        private byte[] key() {
            return ("k" + random.nextInt(500)).getBytes(StandardCharsets.UTF_8);
        }

        private byte[] bytes(int length) {
            byte[] value = new byte[length];
            random.nextBytes(value);
            return value;
        }
    }

    private String spec(String parameters) {
        return NatsTestStreams.spec(server, directory, "maxMessageBytes=4k" + parameters);
    }

    private CapturingDatabase master(String spec) {
        return new CapturingDatabase(Stores.open("memory:" + directory.resolve("master")), Logs.openProducer(spec),
                Codecs.get(Codecs.DEFAULT));
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within " + PATIENCE + ": " + what);
            }
            Thread.sleep(20);
        }
    }

    private static long sequence(Position position) {
        return position == null ? 0 : ((NatsPosition) position).sequence();
    }

    /** Catches up, retrying while the server is unreachable, until the end seen at the start is applied. */
    private static void catchUpRetrying(Replayer replayer, long endSequence) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (sequence(replayer.stats().lastPosition()) < endSequence) {
            try {
                replayer.catchUp();
            } catch (LogException e) {
                assertThat(e.isRetriable()).as("error while the server is back: %s", e.getMessage()).isTrue();
                Thread.sleep(50);
            }
            if (System.nanoTime() > deadline) {
                fail("replica did not reach sequence " + endSequence + " within " + PATIENCE);
            }
        }
    }

    /** Every entry's payload is different: a retried publish was stored once. */
    private static void assertNoDuplicateMessages(String spec) throws Exception {
        try (LogConsumer consumer = Logs.openConsumer(spec)) {
            long end = sequence(consumer.endPosition().orElseThrow());
            Set<ByteBuffer> seen = new HashSet<>();
            long read = 0;
            long expected = 0;
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (read < end && System.nanoTime() < deadline) {
                for (LogEntry entry : consumer.poll(Duration.ofMillis(200))) {
                    read++;
                    assertThat(sequence(entry.position())).as("sequences without gaps").isEqualTo(++expected);
                    byte[] digest = MessageDigest.getInstance("SHA-256").digest(entry.payload());
                    assertThat(seen.add(ByteBuffer.wrap(digest))).as("entry %s stored once", entry.position()).isTrue();
                }
            }
            assertThat(read).as("entries read").isEqualTo(end);
        }
    }

    @Test
    @DisplayName("server killed mid-replay and restarted: the replica resumes where it was and ends equal to the master")
    void serverKilledDuringReplay() throws Exception {
        String spec = spec("");
        Workload workload = new Workload(1);
        try (CapturingDatabase master = master(spec);
             Database replicaStore = Stores.open("memory:" + directory.resolve("replica"));
             LogConsumer consumer = Logs.openConsumer(spec)) {
            for (int i = 0; i < 1500; i++) {
                workload.step(master);
            }
            master.flush();
            long end = sequence(consumer.endPosition().orElseThrow());
            try (Replayer replayer = Replayer.builder(replicaStore, consumer).maxBatchBytes(2048)
                    .pollTimeout(Duration.ofMillis(50)).build()) {
                while (sequence(replayer.stats().lastPosition()) < end / 3) {
                    replayer.step();
                }
                long before = sequence(replayer.stats().lastPosition());
                server.kill();
                for (int i = 0; i < 5; i++) {
                    try {
                        replayer.step();
                    } catch (LogException e) {
                        assertThat(e.isRetriable()).as("error during the outage: %s", e.getMessage()).isTrue();
                    }
                }
                server.restart();
                catchUpRetrying(replayer, end);
                assertThat(before).as("killed in the middle").isLessThan(end);
                assertThat(replayer.stats().failure()).isNull();
                assertThat(replayer.stats().recordsApplied()).isEqualTo(workload.records);
            }
            assertThat(Keyspace.firstDifference(master, replicaStore)).isEmpty();
        }
    }

    @Test
    @DisplayName("server killed mid-capture and restarted: the master keeps going, nothing is lost, duplicated or reordered")
    void serverKilledDuringCapture() throws Exception {
        String spec = spec("");
        Workload workload = new Workload(2);
        AtomicLong written = new AtomicLong();
        AtomicBoolean stopWriting = new AtomicBoolean();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (CapturingDatabase master = master(spec);
             Database replicaStore = Stores.open("memory:" + directory.resolve("replica"));
             LogConsumer consumer = Logs.openConsumer(spec);
             Replayer replayer = Replayer.builder(replicaStore, consumer).pollTimeout(Duration.ofMillis(50)).build()) {
            Future<?> replaying = threads.submit(replayer::run);
            Future<?> writing = threads.submit(() -> {
                while (!stopWriting.get()) {
                    workload.step(master);
                    if (written.incrementAndGet() % 4 == 0) {
                        Thread.sleep(1);
                    }
                }
                return null;
            });
            await("master writing 300 records", () -> written.get() >= 300);
            server.kill();
            long atKill = written.get();
            Thread.sleep(1500);
            server.restart();
            long atRestart = written.get();
            await("master writing 300 records after the restart", () -> written.get() >= atRestart + 300);
            stopWriting.set(true);
            writing.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            master.flush();
            assertThat(atRestart).as("the master kept writing during the outage").isGreaterThan(atKill);

            long end;
            try (LogConsumer probe = Logs.openConsumer(spec)) {
                end = sequence(probe.endPosition().orElseThrow());
            }
            await("replica reaching sequence " + end, () -> replaying.isDone()
                    || sequence(replayer.stats().lastPosition()) >= end);
            replayer.stop();
            replaying.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertThat(replayer.stats().failure()).isNull();
            assertThat(replayer.stats().recordsApplied()).isEqualTo(workload.records);
            assertThat(Keyspace.firstDifference(master, replicaStore)).isEmpty();
            assertNoDuplicateMessages(spec);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    @DisplayName("an outage longer than retryFor fails the append and fail-stops the master; the stream keeps no gap")
    void outageLongerThanRetryForFailStopsTheMaster() throws Exception {
        String spec = spec("&retryFor=2s&ackTimeout=500ms");
        Workload workload = new Workload(3);
        CapturingDatabase master = master(spec);
        try {
            for (int i = 0; i < 100; i++) {
                workload.step(master);
            }
            master.flush();
            server.kill();
            master.put("written during the outage".getBytes(StandardCharsets.UTF_8), new byte[] {1});
            assertThatThrownBy(master::flush).isInstanceOf(StoreException.class).hasMessageContaining("retryFor");
            assertThatThrownBy(() -> master.put("after".getBytes(StandardCharsets.UTF_8), new byte[] {2}))
                    .isInstanceOf(StoreException.class);
        } finally {
            server.restart();
            try {
                master.close();
            } catch (StoreException expected) {
                // The master is fail-stopped; closing reports it again.
            }
        }
        try (Database replicaStore = Stores.open("memory:" + directory.resolve("replica"));
             LogConsumer consumer = Logs.openConsumer(spec);
             Replayer replayer = Replayer.builder(replicaStore, consumer).build()) {
            assertThat(replayer.catchUp()).as("records in the stream").isEqualTo(workload.records);
            assertThat(replayer.stats().failure()).isNull();
            assertThat(replicaStore.get("written during the outage".getBytes(StandardCharsets.UTF_8))).isNull();
        }
        try (LogProducer fresh = Logs.openProducer(spec)) {
            assertThat(fresh.append(new byte[] {42}).get(PATIENCE.toSeconds(), TimeUnit.SECONDS))
                    .as("a new producer appends once the server is back").isNotNull();
        }
    }
}
