package org.ethercattle.log.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.ethercattle.api.Codecs;
import org.ethercattle.api.Database;
import org.ethercattle.api.Logs;
import org.ethercattle.api.StoreException;
import org.ethercattle.api.Stores;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.log.LogProducer;
import org.ethercattle.api.log.Position;
import org.ethercattle.core.Keyspace;
import org.ethercattle.core.capture.CapturingDatabase;
import org.ethercattle.core.replay.Replayer;
import org.ethercattle.ethereum.workload.GethWorkload;
import org.ethercattle.brokers.KafkaBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker SIGKILLed and restarted in the middle of replay and in the middle of capture. The rule
 * these tests pin down: a producer retries through an outage shorter than {@code deliveryTimeout}
 * (the master never notices, and the idempotent producer writes nothing twice); a longer outage fails
 * the appends and the master fail-stops. A consumer simply resumes after the restart.
 */
class KafkaBrokerFaultTest {

    private static final Duration PATIENCE = Duration.ofMinutes(3);

    @TempDir
    Path dir;

    @AfterEach
    void brokerRunsAgain() {
        // The broker is shared by the JVM's tests: whatever happened, leave it running.
        KafkaBroker broker = KafkaBroker.shared();
        if (!broker.isRunning()) {
            broker.restart();
        }
    }

    private Database store(String name) {
        return Stores.open("memory:" + dir.resolve(name));
    }

    /** Small fetches, so a reader holds little in its buffer when the broker dies. */
    private static String readerSpec(String logSpec) {
        return logSpec + "&kafka.max.poll.records=5&kafka.max.partition.fetch.bytes=16384&kafka.fetch.max.bytes=16384";
    }

    @Test
    @DisplayName("broker killed mid-replay and restarted: the replica resumes and ends equal to the master")
    void replaySurvivesABrokerKill() throws Exception {
        String logSpec = TestTopics.spec("maxMessageBytes=16k");
        GethWorkload workload = new GethWorkload(21);
        try (CapturingDatabase master = new CapturingDatabase(store("master"), Logs.openProducer(logSpec),
                Codecs.get(Codecs.DEFAULT))) {
            for (int block = 0; block < 30; block++) {
                workload.writeNextBlock(master);
            }
            master.flush();
            try (Database replicaStore = store("replica"); LogConsumer consumer = Logs.openConsumer(readerSpec(logSpec))) {
                Position end = consumer.endPosition().orElseThrow();
                Replayer replayer = Replayer.builder(replicaStore, consumer).maxBatchBytes(64 << 10)
                        .pollTimeout(Duration.ofMillis(50)).build();
                Instant stepping = Instant.now().plus(PATIENCE);
                while (replayer.stats().lastPosition() == null && Instant.now().isBefore(stepping)) {
                    replayer.step(); // the first polls may come back empty while the consumer connects
                }
                replayer.step();
                Position before = replayer.stats().lastPosition();
                assertThat(before).as("replayed some, not all, before the kill").isNotNull().isLessThan(end);

                KafkaBroker.shared().kill();
                ExecutorService thread = Executors.newSingleThreadExecutor();
                try {
                    Future<?> running = thread.submit(replayer::run);
                    Thread.sleep(1500); // let the replica poll a dead broker for a while
                    assertThat(replayer.stats().lastPosition()).as("nothing new while the broker is dead")
                            .isLessThan(end);
                    KafkaBroker.shared().restart();
                    awaitPosition(replayer, end, running);
                    replayer.stop();
                    running.get(2, TimeUnit.MINUTES);
                } finally {
                    thread.shutdownNow();
                }
                assertThat(replayer.stats().failure()).isNull();
                assertThat(Keyspace.firstDifference(master, replicaStore)).as("first difference").isEmpty();
            }
        }
    }

    private static void awaitPosition(Replayer replayer, Position end, Future<?> running) throws Exception {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (!running.isDone()) {
            Position reached = replayer.stats().lastPosition();
            if (reached != null && reached.compareTo(end) >= 0) {
                return;
            }
            assertThat(Instant.now()).as("replica reaching %s within %s", end, PATIENCE).isBefore(deadline);
            Thread.sleep(20);
        }
        running.get(); // rethrows the replay failure
    }

    @Test
    @DisplayName("broker killed mid-capture and restarted within deliveryTimeout: the master does not notice,"
            + " the log holds every record once, in order, and a replica ends equal")
    void captureRetriesThroughABrokerKill() throws Exception {
        String logSpec = TestTopics.spec("maxMessageBytes=16k&deliveryTimeout=5m");
        CountingProducer counting = new CountingProducer(Logs.openProducer(logSpec));
        GethWorkload workload = new GethWorkload(22);
        CountDownLatch readyForKill = new CountDownLatch(1);
        CountDownLatch killed = new CountDownLatch(1);
        try (CapturingDatabase master = new CapturingDatabase(store("master"), counting, Codecs.get(Codecs.DEFAULT))) {
            ExecutorService writer = Executors.newSingleThreadExecutor();
            try {
                Future<?> writing = writer.submit(() -> {
                    for (int block = 0; block < 10; block++) {
                        workload.writeNextBlock(master);
                    }
                    master.flush(); // these are surely in the log before the kill
                    for (int block = 10; block < 20; block++) {
                        workload.writeNextBlock(master); // not flushed: some are in flight when the broker dies
                    }
                    readyForKill.countDown();
                    killed.await();
                    for (int block = 20; block < 40; block++) {
                        // Written while the broker is dead: buffered, or blocked until it is back.
                        workload.writeNextBlock(master);
                    }
                    master.flush(); // must succeed once the broker is back: the producer retried
                    return null;
                });
                assertThat(readyForKill.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
                KafkaBroker.shared().kill();
                killed.countDown();
                Thread.sleep(1500); // the master writes into the outage
                KafkaBroker.shared().restart();
                writing.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            } finally {
                writer.shutdownNow();
            }

            try (Database replicaStore = store("replica"); LogConsumer consumer = Logs.openConsumer(logSpec)) {
                assertThat(consumer.startPosition()).contains(new KafkaPosition(((KafkaPosition)
                        consumer.endPosition().orElseThrow()).topic(), 0));
                long entries = ((KafkaPosition) consumer.endPosition().orElseThrow()).offset() + 1;
                assertThat(entries).as("log entries = acknowledged appends: none lost, none written twice")
                        .isEqualTo(counting.acknowledged.get());
                Replayer replayer = Replayer.builder(replicaStore, consumer).build();
                replayer.catchUp();
                assertThat(replayer.stats().failure()).isNull();
                assertThat(Keyspace.firstDifference(master, replicaStore)).as("first difference").isEmpty();
            }
        }
    }

    @Test
    @DisplayName("an outage longer than deliveryTimeout fails the appends and the master fail-stops")
    void captureFailStopsAfterDeliveryTimeout() throws Exception {
        String logSpec = TestTopics.spec("maxMessageBytes=16k&deliveryTimeout=3s&requestTimeout=1s");
        CapturingDatabase master = new CapturingDatabase(store("master"), Logs.openProducer(logSpec),
                Codecs.get(Codecs.DEFAULT));
        try {
            master.put("before".getBytes(), "v".getBytes());
            master.flush();
            KafkaBroker.shared().kill();
            master.put("during".getBytes(), "v".getBytes());
            assertThatThrownBy(master::flush).isInstanceOf(StoreException.class);
            assertThatThrownBy(() -> master.put("after".getBytes(), "v".getBytes()))
                    .as("fail-stop: no write after a lost record").isInstanceOf(StoreException.class);
        } finally {
            KafkaBroker.shared().restart();
            try {
                master.close();
            } catch (RuntimeException expected) {
                // close rethrows the append failure
            }
        }
    }

    /** The real producer, counting acknowledged appends. */
    private static final class CountingProducer implements LogProducer {
        private final LogProducer log;
        private final AtomicLong acknowledged = new AtomicLong();

        CountingProducer(LogProducer log) {
            this.log = log;
        }

        @Override
        public CompletableFuture<Position> append(byte[] message) {
            return log.append(message).whenComplete((position, failure) -> {
                if (failure == null) {
                    acknowledged.incrementAndGet();
                }
            });
        }

        @Override
        public int maxMessageBytes() {
            return log.maxMessageBytes();
        }

        @Override
        public void flush() {
            log.flush();
        }

        @Override
        public void close() {
            log.close();
        }
    }
}
