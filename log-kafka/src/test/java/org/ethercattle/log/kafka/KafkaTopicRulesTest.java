package org.ethercattle.log.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.ethercattle.api.Logs;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.log.LogEntry;
import org.ethercattle.api.log.LogException;
import org.ethercattle.api.log.LogProducer;
import org.ethercattle.api.log.Position;
import org.ethercattle.api.log.PositionExpiredException;
import org.ethercattle.api.spi.Spec;
import org.ethercattle.brokers.KafkaBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Kafka-specific rules on a real broker: the topic's shape, sizes, offsets and expiry. */
class KafkaTopicRulesTest {

    private static Admin admin;

    @BeforeAll
    static void connect() {
        admin = Admin.create(Map.of("bootstrap.servers", KafkaBroker.shared().bootstrapServers()));
    }

    @AfterAll
    static void disconnect() {
        admin.close();
    }

    private static String specOf(String topic, String params) {
        return "kafka://" + KafkaBroker.shared().bootstrapServers() + "/" + topic + (params.isEmpty() ? "" : "?" + params);
    }

    private static List<Position> append(LogProducer producer, int count) {
        List<Position> positions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            positions.add(producer.append(("m" + i).getBytes()).join());
        }
        return positions;
    }

    private static List<LogEntry> read(LogConsumer consumer, int count) {
        List<LogEntry> entries = new ArrayList<>();
        Instant deadline = Instant.now().plusSeconds(60);
        while (entries.size() < count && Instant.now().isBefore(deadline)) {
            entries.addAll(consumer.poll(Duration.ofMillis(100)));
        }
        return entries;
    }

    @Test
    @DisplayName("a created topic has one partition and room for maxMessageBytes plus Kafka's overhead")
    void createdTopicHasOnePartition() throws Exception {
        String topic = TestTopics.fresh();
        try (LogProducer producer = Logs.openProducer(specOf(topic, "maxMessageBytes=100k"))) {
            assertThat(producer.maxMessageBytes()).isEqualTo(100 << 10);
        }
        assertThat(admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()).hasSize(1);
        var resource = new org.apache.kafka.common.config.ConfigResource(
                org.apache.kafka.common.config.ConfigResource.Type.TOPIC, topic);
        assertThat(admin.describeConfigs(List.of(resource)).all().get().get(resource).get("max.message.bytes").value())
                .isEqualTo(Integer.toString((100 << 10) + KafkaLogOptions.RECORD_OVERHEAD_BYTES));
    }

    @Test
    @DisplayName("an existing topic with two partitions is refused at open: one total order needs one partition")
    void twoPartitionsAreRefused() throws Exception {
        String topic = TestTopics.fresh();
        admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
        assertThatThrownBy(() -> Logs.openProducer(specOf(topic, "")))
                .isInstanceOfSatisfying(LogException.class, e -> assertThat(e.isRetriable()).isFalse())
                .hasMessageContaining("has 2 partitions").hasMessageContaining("--partitions 1");
        assertThatThrownBy(() -> Logs.openConsumer(specOf(topic, ""))).isInstanceOf(LogException.class);
    }

    @Test
    @DisplayName("an existing topic whose max.message.bytes is below maxMessageBytes is refused, naming both sizes")
    void smallTopicLimitIsRefused() throws Exception {
        String topic = TestTopics.fresh();
        admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(Map.of("max.message.bytes", "10000"))))
                .all().get();
        assertThatThrownBy(() -> Logs.openProducer(specOf(topic, "maxMessageBytes=64k")))
                .isInstanceOf(LogException.class).hasMessageContaining("10000").hasMessageContaining("65536");
        try (LogProducer fits = Logs.openProducer(specOf(topic, "maxMessageBytes=9000"))) {
            assertThat(fits.append(new byte[9000]).join()).isNotNull();
        }
    }

    @Test
    @DisplayName("a missing topic with createTopic=false is a clear, fatal error")
    void missingTopicWithoutCreation() {
        assertThatThrownBy(() -> Logs.openConsumer(specOf(TestTopics.fresh(), "createTopic=false")))
                .isInstanceOfSatisfying(LogException.class, e -> assertThat(e.isRetriable()).isFalse())
                .hasMessageContaining("does not exist").hasMessageContaining("createTopic");
    }

    @Test
    @DisplayName("an oversized message is refused before sending, naming its size and the limit")
    void oversizedMessageNamesBothSizes() {
        try (LogProducer producer = Logs.openProducer(specOf(TestTopics.fresh(), "maxMessageBytes=4k"))) {
            assertThatThrownBy(() -> producer.append(new byte[5000]))
                    .isInstanceOf(LogException.class).hasMessageContaining("5000").hasMessageContaining("4096");
        }
    }

    @Test
    @DisplayName("positions are offsets: append futures, entries, positionAt, entriesBetween, start and end agree")
    void positionsAreOffsets() {
        String topic = TestTopics.fresh();
        String spec = specOf(topic, "");
        try (LogProducer producer = Logs.openProducer(spec); LogConsumer consumer = Logs.openConsumer(spec)) {
            assertThat(consumer.endPosition()).isEmpty();
            assertThat(consumer.startPosition()).isEmpty();
            List<Position> appended = append(producer, 5);
            assertThat(appended).containsExactly(new KafkaPosition(topic, 0), new KafkaPosition(topic, 1),
                    new KafkaPosition(topic, 2), new KafkaPosition(topic, 3), new KafkaPosition(topic, 4));
            assertThat(consumer.streamId()).isEqualTo(topic);
            assertThat(consumer.endPosition()).contains(new KafkaPosition(topic, 4));
            assertThat(consumer.startPosition()).contains(new KafkaPosition(topic, 0));
            assertThat(consumer.positionAt(3)).contains(new KafkaPosition(topic, 3));
            assertThat(consumer.entriesBetween(appended.get(1), appended.get(4))).isEqualTo(OptionalLong.of(3));
            consumer.seek(consumer.positionAt(2).orElseThrow());
            List<LogEntry> rest = read(consumer, 2);
            assertThat(rest).extracting(LogEntry::position).containsExactly(appended.get(3), appended.get(4));
            assertThat(rest.get(0).timeMillis()).isPositive();
        }
    }

    @Test
    @DisplayName("seeking after a position retention removed throws PositionExpiredException naming the earliest offset")
    void expiredPositionAtSeek() throws Exception {
        String topic = TestTopics.fresh();
        String spec = specOf(topic, "");
        try (LogProducer producer = Logs.openProducer(spec); LogConsumer consumer = Logs.openConsumer(spec)) {
            List<Position> appended = append(producer, 10);
            deleteBefore(topic, 6);
            assertThatThrownBy(() -> consumer.seek(appended.get(2)))
                    .isInstanceOfSatisfying(PositionExpiredException.class, e -> {
                        assertThat(e.position()).isEqualTo(appended.get(2));
                        assertThat(e.earliestRetained()).isEqualTo(new KafkaPosition(topic, 6));
                        assertThat(e.isRetriable()).isFalse();
                    })
                    .hasMessageContaining("kafka:" + topic + "@6");
            consumer.seek(appended.get(5));
            assertThat(read(consumer, 4)).extracting(LogEntry::position).containsExactlyElementsOf(appended.subList(6, 10));
        }
    }

    @Test
    @DisplayName("entries expiring under a reader that is behind make its next poll throw PositionExpiredException")
    void expiredPositionWhilePolling() throws Exception {
        String topic = TestTopics.fresh();
        // Small fetches so the reader has not buffered what is about to be deleted.
        String spec = specOf(topic, "kafka.max.poll.records=2&kafka.max.partition.fetch.bytes=1&kafka.fetch.max.bytes=1");
        try (LogProducer producer = Logs.openProducer(spec); LogConsumer consumer = Logs.openConsumer(spec)) {
            List<Position> appended = append(producer, 10);
            List<LogEntry> first = read(consumer, 1);
            Position reached = first.get(first.size() - 1).position();
            long next = ((KafkaPosition) reached).offset() + 1;
            deleteBefore(topic, 8);
            assertThatThrownBy(() -> {
                for (int i = 0; i < 600; i++) {
                    List<LogEntry> more = consumer.poll(Duration.ofMillis(100));
                    if (!more.isEmpty() && ((KafkaPosition) more.get(0).position()).offset() >= 8) {
                        throw new AssertionError("skipped from offset " + next + " to " + more.get(0).position());
                    }
                }
            }).isInstanceOfSatisfying(PositionExpiredException.class, e -> {
                assertThat(e.earliestRetained()).isEqualTo(new KafkaPosition(topic, 8));
                assertThat(((KafkaPosition) e.position()).offset()).isLessThan(7);
            }).hasMessageContaining("kafka:" + topic + "@8");
            assertThat(appended).hasSize(10);
        }
    }

    private static void deleteBefore(String topic, long offset) throws Exception {
        admin.deleteRecords(Map.of(new TopicPartition(topic, 0), RecordsToDelete.beforeOffset(offset))).all().get();
    }

    @Test
    @DisplayName("the spec's text in errors and toString never shows a password")
    void specTextIsMasked() {
        Spec spec = Spec.parse(specOf("t", "username=u&password=do-not-print"));
        assertThat(spec.toString()).doesNotContain("do-not-print");
        assertThat(KafkaLogOptions.from(spec).toString()).doesNotContain("do-not-print");
    }
}
