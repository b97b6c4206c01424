package org.ethercattle.log.pulsar;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.client.api.CompressionType;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.PulsarClientException;
import org.apache.pulsar.client.impl.ProducerImpl;
import org.ethercattle.api.log.LogException;
import org.ethercattle.api.log.LogProducer;
import org.ethercattle.api.log.Position;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends to one persistent, non-partitioned Pulsar topic.
 *
 * <ul>
 *   <li><b>Order.</b> One Pulsar producer without batching or chunking: each append is one message, one
 *       BookKeeper entry; Pulsar keeps a producer's messages in send order, also when it resends them after
 *       reconnecting to a restarted broker.</li>
 *   <li><b>Delivery.</b> The future completes with the message's {@link PulsarPosition} once the broker
 *       has persisted it. With the default {@code sendTimeout=0} an append never times out: during a broker
 *       outage it waits and is resent in order. A message persisted just before a crash may be resent and
 *       appear twice; replicas drop the duplicate by its producer sequence.</li>
 *   <li><b>Back-pressure.</b> {@code append} blocks when {@code maxPendingMessages} are in flight.</li>
 *   <li><b>Size.</b> Messages over {@link #maxMessageBytes()} are refused before sending.</li>
 *   <li><b>Threads.</b> Safe for concurrent use; order is the order in which {@code append} calls entered.</li>
 * </ul>
 */
final class PulsarLogProducer implements LogProducer {

    private static final Logger LOG = LoggerFactory.getLogger(PulsarLogProducer.class);

    /**
     * The broker's {@code maxMessageSize} counts Pulsar's per-message metadata (producer name, sequence,
     * publish time: ~30 bytes with a generated producer name) on top of the payload; 1 KiB covers it.
     */
    static final int METADATA_HEADROOM = 1024;

    private final PulsarLogOptions options;
    private final PulsarClient client;
    private final Producer<byte[]> producer;
    private final int maxMessageBytes;
    private CompletableFuture<?> last = CompletableFuture.completedFuture(null);
    private boolean closed;

    private PulsarLogProducer(PulsarLogOptions options, PulsarClient client, Producer<byte[]> producer) {
        this.options = options;
        this.client = client;
        this.producer = producer;
        this.maxMessageBytes = Math.min(options.maxMessageBytes(), brokerLimit(producer) - METADATA_HEADROOM);
    }

    /** Connects and creates the producer (and the topic, where the namespace allows auto-creation). */
    static PulsarLogProducer open(PulsarLogOptions options) {
        PulsarClient client = options.connect();
        try {
            Producer<byte[]> producer = client.newProducer()
                    .topic(options.topic())
                    .enableBatching(false)
                    .enableChunking(false)
                    .compressionType(CompressionType.NONE)
                    .blockIfQueueFull(true)
                    .maxPendingMessages(options.maxPendingMessages())
                    .sendTimeout((int) options.sendTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .create();
            LOG.debug("producer {} opened on {}", producer.getProducerName(), options.topic());
            return new PulsarLogProducer(options, client, producer);
        } catch (PulsarClientException | RuntimeException e) {
            client.closeAsync();
            throw PulsarFailures.of("open a producer on", options.specText(), e);
        }
    }

    // The broker announces its maxMessageSize when the connection opens; the client keeps it on the
    // connection, which only the implementation class exposes. Pulsar's default when it cannot be read.
    private static int brokerLimit(Producer<byte[]> producer) {
        if (producer instanceof ProducerImpl<?> impl && impl.getClientCnx() != null) {
            int limit = impl.getClientCnx().getMaxMessageSize();
            if (limit > METADATA_HEADROOM) {
                return limit;
            }
        }
        return PulsarLogOptions.DEFAULT_MAX_MESSAGE_BYTES;
    }

    @Override
    public CompletableFuture<Position> append(byte[] message) {
        if (message.length > maxMessageBytes) {
            throw LogException.fatal("message of " + message.length + " bytes is over the limit of " + maxMessageBytes
                    + " bytes of " + options.topic() + "; split it (the codec chunks records) or raise maxMessageBytes"
                    + " and the broker's maxMessageSize");
        }
        CompletableFuture<Position> appended;
        synchronized (this) {
            if (closed) {
                throw LogException.fatal("producer of " + options.topic() + " is closed; open a new one");
            }
            appended = producer.sendAsync(message)
                    .<Position>thenApply(id -> new PulsarPosition(options.topic(), id))
                    .exceptionallyCompose(e -> CompletableFuture.failedFuture(
                            PulsarFailures.of("append to", options.topic(), e)));
            last = appended;
        }
        return appended;
    }

    @Override
    public int maxMessageBytes() {
        return maxMessageBytes;
    }

    /** Waits for the newest append: Pulsar completes a producer's sends in order, so all earlier ones are done. */
    @Override
    public void flush() {
        CompletableFuture<?> newest;
        synchronized (this) {
            newest = last;
        }
        newest.handle((ok, failed) -> null).join();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            flush();
            producer.close();
        } catch (PulsarClientException e) {
            throw PulsarFailures.of("close the producer of", options.topic(), e);
        } finally {
            client.closeAsync();
        }
    }

    @Override
    public String toString() {
        return "PulsarLogProducer{" + options.topic() + "}";
    }
}
