package org.ethercattle.log.kafka;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.ethercattle.api.log.LogException;

/**
 * The topic behind a Kafka log: checked (and created when missing and allowed) before any producer or
 * consumer uses it, so that a wrong topic fails at open with a message that says how to fix it.
 *
 * <p>Rules: exactly one partition (the only way Kafka gives one total order); a
 * {@code max.message.bytes} that fits {@code maxMessageBytes} plus Kafka's record overhead. A created
 * topic gets one partition, {@code max.message.bytes = maxMessageBytes + }{@value KafkaLogOptions#RECORD_OVERHEAD_BYTES}
 * and {@code message.timestamp.type=CreateTime}; retention stays the broker's default, which an
 * operator must size for the oldest snapshot replicas start from.
 */
final class KafkaTopic {

    private KafkaTopic() {}

    /** An admin client with the log's connection settings. The caller closes it. */
    static Admin admin(KafkaLogOptions options) {
        Map<String, Object> props = options.client().toMap();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) options.requestTimeout().toMillis());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) options.requestTimeout().toMillis());
        props.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "cattle-admin-" + options.topic());
        try {
            return Admin.create(props);
        } catch (RuntimeException e) {
            throw KafkaErrors.translate("configuring a Kafka client for " + options.logName(),
                    options.bootstrapServers(), e);
        }
    }

    /**
     * Makes sure the topic exists with one partition and a large enough message limit.
     *
     * @return the topic's {@code max.message.bytes}
     * @throws LogException fatal for a topic with several partitions, a too small message limit, or a
     *                      missing topic with {@code createTopic=false}; retriable when the brokers do
     *                      not answer within {@code requestTimeout}
     */
    static int ensure(Admin admin, KafkaLogOptions options) {
        Optional<TopicDescription> description = describe(admin, options);
        if (description.isEmpty()) {
            if (!options.createTopic()) {
                throw LogException.fatal("topic " + options.topic() + " does not exist on " + options.bootstrapServers()
                        + "; create it with one partition (kafka-topics --create --partitions 1 --config max.message.bytes="
                        + options.requiredTopicMessageBytes() + ") or drop createTopic=false");
            }
            create(admin, options);
            description = awaitVisible(admin, options);
        }
        int partitions = description.get().partitions().size();
        if (partitions != 1) {
            throw LogException.fatal("topic " + options.topic() + " on " + options.bootstrapServers() + " has "
                    + partitions + " partitions, but a Cattle log needs exactly one to keep one total order;"
                    + " use a new topic with --partitions 1");
        }
        int limit = maxMessageBytes(admin, options);
        if (limit < options.requiredTopicMessageBytes()) {
            throw LogException.fatal("topic " + options.topic() + " accepts batches up to " + limit
                    + " bytes (max.message.bytes) but maxMessageBytes=" + options.maxMessageBytes() + " needs "
                    + options.requiredTopicMessageBytes() + " with Kafka's overhead; raise it (kafka-configs --alter"
                    + " --entity-type topics --entity-name " + options.topic() + " --add-config max.message.bytes="
                    + options.requiredTopicMessageBytes() + ") or lower maxMessageBytes in the spec");
        }
        return limit;
    }

    private static Optional<TopicDescription> describe(Admin admin, KafkaLogOptions options) {
        try {
            return Optional.of(await(admin.describeTopics(Set.of(options.topic())).allTopicNames(), options,
                    "describing topic").get(options.topic()));
        } catch (LogException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * A created topic reaches the brokers' metadata a little after the controller acknowledged it: ask
     * again until it shows, within {@code requestTimeout}.
     */
    private static Optional<TopicDescription> awaitVisible(Admin admin, KafkaLogOptions options) {
        long deadline = System.nanoTime() + options.requestTimeout().toNanos();
        while (true) {
            Optional<TopicDescription> description = describe(admin, options);
            if (description.isPresent()) {
                return description;
            }
            if (System.nanoTime() - deadline > 0) {
                throw LogException.retriable("topic " + options.topic() + " was created on "
                        + options.bootstrapServers()
                        + " but is not visible after " + options.requestTimeout() + "; retry");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw LogException.retriable("interrupted while waiting for topic " + options.topic(), e);
            }
        }
    }

    private static void create(Admin admin, KafkaLogOptions options) {
        Optional<Short> replication = options.replicationFactor() < 0 ? Optional.empty()
                : Optional.of((short) options.replicationFactor());
        NewTopic topic = new NewTopic(options.topic(), Optional.of(1), replication).configs(Map.of(
                TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(options.requiredTopicMessageBytes()),
                TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "CreateTime"));
        try {
            await(admin.createTopics(List.of(topic)).all(), options, "creating topic");
        } catch (LogException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
            // Another process created it at the same moment: fine, ensure() checks what it made.
        }
    }

    private static int maxMessageBytes(Admin admin, KafkaLogOptions options) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, options.topic());
        Config config = await(admin.describeConfigs(List.of(resource)).all(), options, "reading the config of topic")
                .get(resource);
        ConfigEntry entry = config == null ? null : config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
        if (entry == null || entry.value() == null) {
            throw LogException.fatal("topic " + options.topic() + " on " + options.bootstrapServers()
                    + " reports no max.message.bytes; is this a Kafka broker?");
        }
        return Integer.parseInt(entry.value());
    }

    /** Waits for an admin result within {@code requestTimeout}, translating failures. */
    static <T> T await(KafkaFuture<T> future, KafkaLogOptions options, String what) {
        String action = what + " " + options.topic();
        try {
            return future.get(options.requestTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw KafkaErrors.translate(action, options.bootstrapServers(), e.getCause());
        } catch (TimeoutException e) {
            throw LogException.retriable(action + ": brokers " + options.bootstrapServers() + " did not answer within "
                    + options.requestTimeout() + "; check that they run and are reachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LogException.retriable("interrupted while " + action, e);
        }
    }
}
