package org.ethercattle.log.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.ethercattle.api.Batch;
import org.ethercattle.api.Codecs;
import org.ethercattle.api.Database;
import org.ethercattle.api.Logs;
import org.ethercattle.api.Stores;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.log.LogEntry;
import org.ethercattle.api.log.LogException;
import org.ethercattle.api.log.LogProducer;
import org.ethercattle.api.log.Position;
import org.ethercattle.api.log.PositionExpiredException;
import org.ethercattle.api.record.ChangeRecord;
import org.ethercattle.api.record.Op;
import org.ethercattle.core.Keyspace;
import org.ethercattle.core.capture.CapturingDatabase;
import org.ethercattle.core.replay.Replayer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the NATS adapter promises beyond the log TCK: chunking, expiry, deduplication, sizes, positions. */
class NatsLogBehaviourTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path directory;

    private static List<LogEntry> read(LogConsumer consumer, int count) {
        List<LogEntry> entries = new ArrayList<>();
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (entries.size() < count && System.nanoTime() < deadline) {
            entries.addAll(consumer.poll(Duration.ofMillis(100)));
        }
        assertThat(entries).as("entries read within %s", PATIENCE).hasSize(count);
        return entries;
    }

    private static Position append(LogProducer producer, byte[] message) {
        return producer.append(message).orTimeout(PATIENCE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS).join();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("a batch larger than maxMessageBytes travels as several stream messages and a replica applies it whole")
    void chunkedRecordsApplyWhole() {
        String spec = NatsTestStreams.spec(directory, "maxMessageBytes=1k");
        try (CapturingDatabase master = new CapturingDatabase(Stores.open("memory:" + directory.resolve("master")),
                Logs.openProducer(spec), Codecs.get(Codecs.DEFAULT));
             Database replicaStore = Stores.open("memory:" + directory.resolve("replica"));
             LogConsumer consumer = Logs.openConsumer(spec)) {
            try (Batch batch = master.newBatch()) {
                for (int i = 0; i < 40; i++) {
                    batch.put(utf8("key-" + i), new byte[200]);
                }
                batch.write();
            }
            master.put(utf8("small"), utf8("value"));
            master.flush();
            assertThat(consumer.endPosition()).hasValueSatisfying(end ->
                    assertThat(((NatsPosition) end).sequence()).as("stream messages for 2 records").isGreaterThan(8));
            try (Replayer replayer = Replayer.builder(replicaStore, consumer).build()) {
                assertThat(replayer.catchUp()).isEqualTo(2);
            }
            assertThat(Keyspace.firstDifference(master, replicaStore)).isEmpty();
        }
    }

    @Test
    @DisplayName("seeking after an expired position throws PositionExpiredException naming the earliest sequence")
    void expiredSeekNamesTheEarliestSequence() {
        String spec = NatsTestStreams.spec(directory, "maxMsgs=5");
        String stream = NatsTestStreams.name(directory);
        try (LogProducer producer = Logs.openProducer(spec); LogConsumer consumer = Logs.openConsumer(spec)) {
            for (int i = 1; i <= 20; i++) {
                append(producer, utf8("m" + i));
            }
            assertThat(consumer.startPosition()).contains(new NatsPosition(stream, 16));
            assertThatThrownBy(() -> consumer.seek(new NatsPosition(stream, 3)))
                    .isInstanceOfSatisfying(PositionExpiredException.class, e -> {
                        assertThat(e.position()).isEqualTo(new NatsPosition(stream, 3));
                        assertThat(e.earliestRetained()).isEqualTo(new NatsPosition(stream, 16));
                        assertThat(e.getMessage()).contains("nats:" + stream + "@3", "nats:" + stream + "@16");
                    });
            consumer.seek(new NatsPosition(stream, 15));
            assertThat(read(consumer, 5).get(0).payload()).isEqualTo(utf8("m16"));
        }
    }

    @Test
    @DisplayName("a consumer whose next entry expires before it polls gets PositionExpiredException, not a silent skip")
    void expiryWhileBehindIsReported() {
        String spec = NatsTestStreams.spec(directory, "maxMsgs=5");
        String stream = NatsTestStreams.name(directory);
        try (LogProducer producer = Logs.openProducer(spec); LogConsumer consumer = Logs.openConsumer(spec)) {
            for (int i = 1; i <= 4; i++) {
                append(producer, utf8("m" + i));
            }
            consumer.seek(new NatsPosition(stream, 2));
            for (int i = 5; i <= 30; i++) {
                append(producer, utf8("m" + i));
            }
            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(5)))
                    .isInstanceOfSatisfying(PositionExpiredException.class, e -> {
                        assertThat(e.position()).isEqualTo(new NatsPosition(stream, 2));
                        assertThat(e.earliestRetained()).isEqualTo(new NatsPosition(stream, 26));
                    });
        }
    }

    @Test
    @DisplayName("the same native record appended twice, even by two producers, lands once; equal raw bytes land twice")
    void nativeRecordsAreDeduplicatedByContent() {
        String spec = NatsTestStreams.spec(directory, "");
        byte[] record = Codecs.get(Codecs.DEFAULT).encode(ChangeRecord.batch(UUID.randomUUID(), 7, 1234,
                List.of(Op.put(utf8("k"), utf8("v")))), 1 << 20).get(0);
        try (LogProducer first = Logs.openProducer(spec); LogProducer second = Logs.openProducer(spec);
             LogConsumer consumer = Logs.openConsumer(spec)) {
            Position once = append(first, record.clone());
            assertThat(append(first, record.clone())).as("a second append of the same record").isEqualTo(once);
            assertThat(append(second, record.clone())).as("the same record from another producer").isEqualTo(once);
            Position raw1 = append(first, utf8("heartbeat"));
            Position raw2 = append(first, utf8("heartbeat"));
            assertThat(raw2).as("equal bytes that are not a native record").isGreaterThan(raw1);
            List<LogEntry> entries = read(consumer, 3);
            assertThat(entries.get(0).payload()).isEqualTo(record);
            assertThat(consumer.poll(Duration.ofMillis(300))).isEmpty();
        }
    }

    @Test
    @DisplayName("Ether Cattle messages that repeat byte for byte (a put written again, heartbeats) are all stored")
    void repeatedEtherCattleMessagesAreNotDeduplicated() {
        String spec = NatsTestStreams.spec(directory, "");
        try (CapturingDatabase master = new CapturingDatabase(Stores.open("memory:" + directory.resolve("master")),
                Logs.openProducer(spec), Codecs.get("ethercattle"));
             Database replicaStore = Stores.open("memory:" + directory.resolve("replica"));
             LogConsumer consumer = Logs.openConsumer(spec)) {
            master.put(utf8("k"), utf8("v1"));
            master.heartbeat();
            master.put(utf8("k"), utf8("v2"));
            master.heartbeat();
            master.put(utf8("k"), utf8("v1"));
            master.flush();
            assertThat(consumer.endPosition()).contains(new NatsPosition(NatsTestStreams.name(directory), 5));
            try (Replayer replayer = Replayer.builder(replicaStore, consumer).codec(Codecs.get("ethercattle"))
                    .build()) {
                replayer.catchUp();
            }
            assertThat(replicaStore.get(utf8("k"))).as("the last put, equal in bytes to the first")
                    .isEqualTo(utf8("v1"));
        }
    }

    @Test
    @DisplayName("maxMessageBytes defaults to the server's max_payload less header room; asking for more fails naming both")
    void messageLimitComesFromTheServer() {
        String spec = NatsTestStreams.spec(directory, "");
        String stream = NatsTestStreams.name(directory);
        try (LogProducer producer = Logs.openProducer(spec)) {
            int limit = producer.maxMessageBytes();
            assertThat(limit).isEqualTo((1 << 20) - 256 - stream.length());
            assertThatThrownBy(() -> producer.append(new byte[limit + 1])).isInstanceOf(LogException.class)
                    .hasMessageContaining(Integer.toString(limit + 1)).hasMessageContaining(Integer.toString(limit));
        }
        assertThatThrownBy(() -> Logs.openProducer(spec + "?maxMessageBytes=2m"))
                .hasMessageContaining("maxMessageBytes=2097152").hasMessageContaining("max_payload 1048576");
    }

    @Test
    @DisplayName("positions are stream sequences: toString, positionAt, entriesBetween, entry times")
    void positionsAreStreamSequences() {
        String spec = NatsTestStreams.spec(directory, "");
        String stream = NatsTestStreams.name(directory);
        long before = System.currentTimeMillis();
        try (LogProducer producer = Logs.openProducer(spec); LogConsumer consumer = Logs.openConsumer(spec)) {
            for (int i = 1; i <= 5; i++) {
                assertThat(append(producer, utf8("m" + i))).hasToString("nats:" + stream + "@" + i);
            }
            assertThat(consumer.streamId()).isEqualTo(stream);
            assertThat(consumer.positionAt(3)).contains(new NatsPosition(stream, 3));
            assertThat(consumer.entriesBetween(new NatsPosition(stream, 1), new NatsPosition(stream, 5))).hasValue(4);
            consumer.seek(consumer.positionAt(3).orElseThrow());
            List<LogEntry> entries = read(consumer, 2);
            assertThat(entries.get(0).payload()).isEqualTo(utf8("m4"));
            assertThat(entries.get(0).timeMillis()).isBetween(before - 60_000, System.currentTimeMillis() + 60_000);
            assertThatThrownBy(() -> consumer.positionAt(0)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    @DisplayName("createStream=false on a missing stream fails saying to create it")
    void missingStreamIsNotCreatedWhenToldNot() {
        String spec = NatsTestStreams.spec(directory, "createStream=false");
        assertThatThrownBy(() -> Logs.openConsumer(spec)).isInstanceOf(LogException.class)
                .hasMessageContaining("does not exist").hasMessageContaining("create it");
    }
}
