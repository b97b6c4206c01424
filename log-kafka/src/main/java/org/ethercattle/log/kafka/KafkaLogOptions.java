package org.ethercattle.log.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.ethercattle.api.spi.Spec;
import org.ethercattle.api.spi.SpecException;

/**
 * What a {@code kafka://host:port[,host:port]/topic?...} spec asks for, read and checked once. Immutable.
 *
 * <p>Parameters (defaults in brackets): {@code maxMessageBytes} [{@code 1m}] the longest message an
 * append accepts; {@code createTopic} [{@code true}] create a missing topic with one partition;
 * {@code replicationFactor} [the broker's default] for a created topic; {@code deliveryTimeout}
 * [{@code 2m}] how long the producer retries one message through a broker outage before its append
 * fails; {@code requestTimeout} [{@code 30s}] the bound on one request or admin call. Connection and
 * security parameters are read by {@link KafkaClientSettings}.
 *
 * <p>{@link #toString()} shows the spec with secrets masked.
 *
 * @param spec              the spec as given, for messages (its {@code toString} masks secrets)
 * @param bootstrapServers  the {@code host:port} list from the spec's authority
 * @param topic             the topic, which has (or gets) exactly one partition
 * @param maxMessageBytes   the longest message an append accepts
 * @param createTopic       whether a missing topic is created
 * @param replicationFactor the created topic's replication factor, or {@code -1} for the broker's default
 * @param deliveryTimeout   Kafka's {@code delivery.timeout.ms}: how long one message may take, retries included
 * @param requestTimeout    the bound on one request, and on each admin call Cattle makes
 * @param client            connection and security settings passed to every Kafka client
 */
public record KafkaLogOptions(Spec spec, String bootstrapServers, String topic, int maxMessageBytes,
                              boolean createTopic, int replicationFactor, Duration deliveryTimeout,
                              Duration requestTimeout, KafkaClientSettings client) {

    /**
     * What Kafka adds around one message in a record batch (batch header 61 bytes, record header at
     * most about 30), rounded up: the topic's {@code max.message.bytes} and the producer's
     * {@code max.request.size} must exceed {@code maxMessageBytes} by this much.
     */
    public static final int RECORD_OVERHEAD_BYTES = 256;

    /** The largest {@code maxMessageBytes} accepted: far above any sane Kafka setting, below int overflow. */
    public static final int MAX_MESSAGE_BYTES_LIMIT = 512 << 20;

    /** The parameters Cattle itself reads (besides {@link KafkaClientSettings#PARAMETERS} and {@code kafka.*}). */
    public static final Set<String> PARAMETERS = Set.of("maxMessageBytes", "createTopic", "replicationFactor",
            "deliveryTimeout", "requestTimeout");

    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    private static final Pattern SERVER = Pattern.compile("[^,:/\\s]+:\\d{1,5}");

    public KafkaLogOptions {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(deliveryTimeout, "deliveryTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(client, "client");
    }

    /**
     * Reads and checks every parameter of {@code spec}.
     *
     * @throws SpecException naming the parameter and what is accepted, for an unknown parameter, a bad
     *                       value, a missing host or topic, or a setting that would break total order
     */
    public static KafkaLogOptions from(Spec spec) {
        for (String name : spec.params().keySet()) {
            if (!PARAMETERS.contains(name) && !KafkaClientSettings.PARAMETERS.contains(name)
                    && !name.startsWith(KafkaClientSettings.PASSTHROUGH_PREFIX)) {
                // Spec's own error: it never shows the value of a parameter it cannot tell is no secret.
                throw spec.unknownParameter(name, new java.util.TreeSet<>(union()) + " and any kafka.<client property>");
            }
        }
        String servers = bootstrapServers(spec);
        String topic = topic(spec);
        long maxMessage = spec.sizeParam("maxMessageBytes", 1 << 20);
        if (maxMessage < 1 || maxMessage > MAX_MESSAGE_BYTES_LIMIT) {
            throw new SpecException("spec '" + spec + "': maxMessageBytes=" + maxMessage + " is outside 1.."
                    + MAX_MESSAGE_BYTES_LIMIT);
        }
        long replication = spec.longParam("replicationFactor", -1);
        if (replication != -1 && (replication < 1 || replication > Short.MAX_VALUE)) {
            throw new SpecException("spec '" + spec + "': replicationFactor=" + replication
                    + " must be at least 1 (leave it out for the broker's default)");
        }
        Duration delivery = positive(spec, "deliveryTimeout", spec.durationParam("deliveryTimeout", Duration.ofMinutes(2)));
        Duration request = positive(spec, "requestTimeout", spec.durationParam("requestTimeout", Duration.ofSeconds(30)));
        if (delivery.compareTo(request) < 0) {
            throw new SpecException("spec '" + spec + "': deliveryTimeout (" + delivery + ") must not be shorter"
                    + " than requestTimeout (" + request + ")");
        }
        KafkaClientSettings client = KafkaClientSettings.from(spec);
        return new KafkaLogOptions(spec, servers, topic, (int) maxMessage, spec.booleanParam("createTopic", true),
                (int) replication, delivery, request, client);
    }

    private static Set<String> union() {
        java.util.Set<String> all = new java.util.HashSet<>(PARAMETERS);
        all.addAll(KafkaClientSettings.PARAMETERS);
        return all;
    }

    private static String bootstrapServers(Spec spec) {
        String authority = spec.authority();
        if (authority == null || authority.isBlank()) {
            throw new SpecException("spec '" + spec + "' names no broker; write kafka://host:port[,host:port]/topic,"
                    + " e.g. kafka://10.0.0.5:9092/mainnet-cdc");
        }
        if (authority.contains("@")) {
            // Checked before the servers are quoted below: what precedes '@' may be a password.
            throw new SpecException("spec '" + spec + "' has credentials before '@' in its broker list; pass them"
                    + " as parameters instead (username=...&password=...)");
        }
        for (String server : authority.split(",")) {
            if (!SERVER.matcher(server).matches()) {
                throw new SpecException("spec '" + spec + "': '" + server + "' is not host:port; write"
                        + " kafka://host:port[,host:port]/topic");
            }
        }
        return authority;
    }

    private static String topic(Spec spec) {
        String topic = spec.path();
        if (topic.isEmpty()) {
            throw new SpecException("spec '" + spec + "' names no topic; write kafka://host:port/topic,"
                    + " e.g. kafka://10.0.0.5:9092/mainnet-cdc");
        }
        if (!TOPIC.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
            throw new SpecException("spec '" + spec + "': '" + topic + "' is not a valid Kafka topic name (1 to 249"
                    + " letters, digits, '.', '_' or '-')");
        }
        return topic;
    }

    private static Duration positive(Spec spec, String name, Duration value) {
        if (value.isNegative() || value.isZero() || value.toMillis() > Integer.MAX_VALUE) {
            throw new SpecException("spec '" + spec + "': " + name + " must be positive and under 24 days, e.g. 30s");
        }
        return value;
    }

    /** The topic's {@code max.message.bytes} a created topic gets, and the least an existing one needs. */
    public int requiredTopicMessageBytes() {
        return maxMessageBytes + RECORD_OVERHEAD_BYTES;
    }

    /** {@code kafka:<topic>}, the log's name in messages. */
    public String logName() {
        return "kafka:" + topic;
    }

    @Override
    public String toString() {
        return spec.toString();
    }
}
