package org.ethercattle.log.kafka.ethercattle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.ethercattle.api.Database;
import org.ethercattle.api.Logs;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.core.Keyspace;
import org.ethercattle.core.guard.SeenValueGuard;
import org.ethercattle.core.memory.MemoryDatabase;
import org.ethercattle.core.replay.ReplayStats;
import org.ethercattle.core.replay.Replayer;
import org.ethercattle.ethereum.ethercattle.AncientBlock;
import org.ethercattle.ethereum.ethercattle.AncientKeys;
import org.ethercattle.ethereum.ethercattle.AncientStore;
import org.ethercattle.ethereum.ethercattle.EtherCattleCodec;
import org.ethercattle.ethereum.ethercattle.EtherCattleFormat;
import org.ethercattle.ethereum.ethercattle.EtherCattleMessages;
import org.ethercattle.ethereum.guard.GethHeadKeys;
import org.ethercattle.brokers.KafkaBroker;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A topic set up and written the way the original Go master does it: created with one partition and
 * {@code max.message.bytes=5000012}, messages sent compressed (as sarama does there), with no key,
 * to partition 0, with the producer's CreateTime. A Cattle replica reads it through the Kafka adapter with
 * the {@code maxMessageBytes} docs/ethercattle-compat.md recommends for such topics.
 */
class OriginalMasterTopicTest {

    private static final byte[] BATCH_A = HexFormat.of().parseHex("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    private static final byte[] BATCH_B = HexFormat.of().parseHex("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");

    private final String topic = "original-" + UUID.randomUUID();

    @Test
    @DisplayName("a topic created and written like the original master (compressed, no key, CreateTime) replays equal")
    void replays_a_topic_written_like_the_original_master() throws Exception {
        String bootstrap = KafkaBroker.shared().bootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1)
                    .configs(Map.of("max.message.bytes", String.valueOf(EtherCattleFormat.MAX_MESSAGE_BYTES)))))
                    .all().get();
        }
        AncientBlock block7 = new AncientBlock(7, ascii("hash7"), ascii("header7"), ascii("body7"), ascii("rcpt7"),
                ascii("td7"));
        AncientBlock block8 = new AncientBlock(8, ascii("hash8"), ascii("header8"), ascii("body8"), ascii("rcpt8"),
                ascii("td8"));
        List<byte[]> messages = List.of(
                EtherCattleMessages.put(ascii("k1"), ascii("v1")),
                EtherCattleMessages.fragmentPut(BATCH_A, ascii("a1"), ascii("1")),
                EtherCattleMessages.heartbeat(),
                EtherCattleMessages.fragmentPut(BATCH_B, ascii("b1"), ascii("1")),
                EtherCattleMessages.fragmentPut(BATCH_A, ascii("LastBlock"), ascii("head-1")),
                EtherCattleMessages.fragmentDelete(BATCH_B, ascii("k1")),
                EtherCattleMessages.commit(BATCH_B),
                EtherCattleMessages.commit(BATCH_A),
                EtherCattleMessages.get(ascii("a1")),
                EtherCattleMessages.has(ascii("a1")),
                EtherCattleMessages.appendAncient(block7),
                EtherCattleMessages.appendAncient(block8),
                EtherCattleMessages.sync(),
                EtherCattleMessages.truncateAncients(8),
                EtherCattleMessages.put(ascii("LastBlock"), ascii("head-2")),
                EtherCattleMessages.put(ascii("LastBlock"), ascii("head-1")),   // already seen: dropped
                EtherCattleMessages.delete(ascii("a1")),
                EtherCattleMessages.fragmentPut(BATCH_A, ascii("again"), ascii("reused id")), // after Reset()
                EtherCattleMessages.commit(BATCH_A),
                EtherCattleMessages.heartbeat());
        long lastTime = 1_700_000_000_000L + messages.size() * 1000L;
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        // The original's sarama producer compresses (snappy unless compression.codec says otherwise). gzip is used
        // here because the test broker's classpath (compile scope of kafka_2.13) lacks snappy-java, so the broker
        // rejects snappy batches; Cattle's consumer side has snappy, lz4 and zstd (kafka-clients runtime deps).
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "gzip");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < messages.size(); i++) {
                producer.send(new ProducerRecord<>(topic, 0, 1_700_000_000_000L + (i + 1) * 1000L, null,
                        messages.get(i))).get();
            }
        }

        Database replica = MemoryDatabase.open();
        String spec = "kafka://" + bootstrap + "/" + topic + "?maxMessageBytes=4999756&createTopic=false";
        ReplayStats stats;
        try (LogConsumer consumer = Logs.openConsumer(spec);
                Replayer replayer = Replayer.builder(replica, consumer).codec(new EtherCattleCodec())
                        .headGuard(new SeenValueGuard(GethHeadKeys.ETHER_CATTLE)).build()) {
            replayer.catchUp();
            stats = replayer.stats();
        }

        Database expected = MemoryDatabase.open();
        expected.put(ascii("b1"), ascii("1"));
        expected.put(ascii("LastBlock"), ascii("head-2"));
        expected.put(ascii("again"), ascii("reused id"));
        AncientStore store = new AncientStore(replica);
        assertThat(store.count()).isEqualTo(8);
        assertThat(store.block(7)).contains(block7);
        assertThat(store.block(8)).as("truncated away").isEmpty();
        assertThat(Keyspace.firstDifference(expected, withoutAncients(replica))).isEmpty();
        assertThat(stats.lastRecordTimeMillis()).as("the producer's CreateTime of the last heartbeat").isEqualTo(lastTime);
    }

    private static Database withoutAncients(Database store) {
        Database copy = MemoryDatabase.open();
        try (var cursor = store.cursor()) {
            while (cursor.next()) {
                if (!AncientKeys.isAncient(cursor.key())) {
                    copy.put(cursor.key(), cursor.value());
                }
            }
        }
        return copy;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
