package org.ethercattle.log.kafka;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.ethercattle.api.log.LogException;
import org.ethercattle.api.log.LogProducer;
import org.ethercattle.api.log.Position;
import org.ethercattle.api.spi.SpecException;

/**
 * Appends to a Kafka topic's single partition with an idempotent producer.
 *
 * <ul>
 *   <li><b>Order.</b> {@code enable.idempotence=true}, {@code acks=all}, at most 5 requests in flight:
 *       Kafka keeps the order of one producer's sends across retries and never writes a retried
 *       message twice. Messages carry no key and go to partition 0 explicitly.</li>
 *   <li><b>Outages.</b> A message is retried until {@code deliveryTimeout} (default 2 minutes) passes,
 *       so a broker restart shorter than that is invisible except for latency: appends are buffered, or
 *       {@link #append} blocks (at most {@code deliveryTimeout}, Kafka's {@code max.block.ms}) once the
 *       client has dropped its metadata or its buffer is full. After it the append's
 *       future fails with a retriable {@link LogException}; a master must then stop (see
 *       {@code CapturingDatabase}'s fail-stop rule).</li>
 *   <li><b>Positions.</b> An append's future completes with the offset Kafka acknowledged.</li>
 *   <li><b>Size.</b> A message longer than {@link #maxMessageBytes()} is refused before sending.</li>
 *   <li><b>Threads.</b> Safe for concurrent use, as {@link KafkaProducer} is.</li>
 * </ul>
 */
final class KafkaLogProducer implements LogProducer {

    private final KafkaLogOptions options;
    private final KafkaProducer<byte[], byte[]> producer;
    private final AtomicBoolean closed = new AtomicBoolean();

    private KafkaLogProducer(KafkaLogOptions options, KafkaProducer<byte[], byte[]> producer) {
        this.options = options;
        this.producer = producer;
    }

    /** Checks (or creates) the topic, then connects a producer to it. */
    static KafkaLogProducer open(KafkaLogOptions options) {
        int topicLimit;
        try (Admin admin = KafkaTopic.admin(options)) {
            topicLimit = KafkaTopic.ensure(admin, options);
        }
        Map<String, Object> props = options.client().toMap();
        int requestSize = requestSize(options, props, topicLimit);
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        props.put(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) options.deliveryTimeout().toMillis());
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(options.requestTimeout().toMillis(),
                options.deliveryTimeout().toMillis() - 1));
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, requestSize);
        // When every broker is gone the client drops its metadata (rebootstrap) and send() waits for it:
        // let it wait as long as a message may take, so an outage shorter than deliveryTimeout blocks the
        // writer for a while instead of failing it.
        props.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, options.deliveryTimeout().toMillis());
        // A batch never exceeds batch.size (unless it holds one larger record), so capping it at the topic's
        // limit keeps the broker from refusing batches of many small messages.
        int batchSize = Integer.parseInt(props.getOrDefault(ProducerConfig.BATCH_SIZE_CONFIG, 256 << 10).toString());
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, Math.min(batchSize, topicLimit));
        long buffer = Long.parseLong(props.getOrDefault(ProducerConfig.BUFFER_MEMORY_CONFIG, 32L << 20).toString());
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Math.max(buffer, 4L * requestSize));
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "cattle-producer-" + options.topic());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        try {
            return new KafkaLogProducer(options, new KafkaProducer<>(props));
        } catch (RuntimeException e) {
            throw KafkaErrors.translate("opening a producer for " + options.logName(), options.bootstrapServers(), e);
        }
    }

    private static int requestSize(KafkaLogOptions options, Map<String, Object> props, int topicLimit) {
        int needed = options.requiredTopicMessageBytes();
        Object given = props.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
        if (given == null) {
            return Math.max(needed, topicLimit);
        }
        int size = Integer.parseInt(given.toString().trim());
        if (size < needed) {
            throw new SpecException("spec '" + options.spec() + "': max.request.size=" + size + " is below the "
                    + needed + " bytes maxMessageBytes=" + options.maxMessageBytes() + " needs with Kafka's overhead;"
                    + " raise it or lower maxMessageBytes");
        }
        return size;
    }

    @Override
    public CompletableFuture<Position> append(byte[] message) {
        if (closed.get()) {
            throw LogException.fatal("the producer of " + options.logName() + " is closed; open a new one");
        }
        if (message.length > options.maxMessageBytes()) {
            throw LogException.fatal("message of " + message.length + " bytes is longer than maxMessageBytes="
                    + options.maxMessageBytes() + " of " + options.logName() + "; split it (codecs chunk records)"
                    + " or raise maxMessageBytes together with the topic's max.message.bytes");
        }
        CompletableFuture<Position> landed = new CompletableFuture<>();
        try {
            producer.send(new ProducerRecord<>(options.topic(), 0, null, message), (metadata, failure) -> {
                if (failure == null) {
                    landed.complete(new KafkaPosition(options.topic(), metadata.offset()));
                } else {
                    landed.completeExceptionally(KafkaErrors.translate("append to " + options.logName(),
                            options.bootstrapServers(), failure));
                }
            });
        } catch (IllegalStateException e) {
            throw LogException.fatal("the producer of " + options.logName() + " is closed; open a new one", e);
        } catch (RuntimeException e) {
            landed.completeExceptionally(KafkaErrors.translate("append to " + options.logName(),
                    options.bootstrapServers(), e));
        }
        return landed;
    }

    @Override
    public int maxMessageBytes() {
        return options.maxMessageBytes();
    }

    @Override
    public void flush() {
        if (closed.get()) {
            return;
        }
        try {
            producer.flush();
        } catch (RuntimeException e) {
            throw KafkaErrors.translate("flushing appends to " + options.logName(), options.bootstrapServers(), e);
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            producer.close();
        }
    }

    @Override
    public String toString() {
        return "KafkaLogProducer{" + options.logName() + " at " + options.bootstrapServers() + "}";
    }
}
