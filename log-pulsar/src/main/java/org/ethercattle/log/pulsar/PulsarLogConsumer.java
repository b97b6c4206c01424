package org.ethercattle.log.pulsar;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.MessageId;
import org.apache.pulsar.client.api.MessageIdAdv;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.PulsarClientException;
import org.apache.pulsar.client.api.Reader;
import org.apache.pulsar.client.api.TopicMessageId;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.log.LogEntry;
import org.ethercattle.api.log.LogException;
import org.ethercattle.api.log.Position;
import org.ethercattle.api.log.PositionExpiredException;

/**
 * Reads one persistent, non-partitioned Pulsar topic with a subscription-less {@link Reader}: nothing is
 * acknowledged and the broker keeps no cursor for it, so the replica's own checkpoint is the only record
 * of where it is.
 *
 * <ul>
 *   <li><b>Seek.</b> {@link #seek} opens a reader at the position with {@code startMessageIdInclusive}
 *       off: the next entry is the one after it.</li>
 *   <li><b>Expiry.</b> Pulsar's retention deletes whole ledgers from the front of a topic, and a reader
 *       started inside a deleted ledger silently begins at the earliest retained message. So {@link #seek}
 *       first reads the earliest retained message: if it lies after the position, the position's ledger is
 *       gone and {@link PositionExpiredException} names both. Pulsar keeps no record of a deleted ledger's
 *       length, so a position that was the very last entry of a deleted ledger also counts as expired, even
 *       though nothing after it is missing: a false alarm only for a reader already at the retention edge,
 *       never a silent skip. A log whose every ledger is gone expires every position.</li>
 *   <li><b>Entries.</b> Payload as sent; time is the message's publish time (the producer's clock).</li>
 *   <li><b>Threads.</b> Not thread-safe: one thread polls it.</li>
 * </ul>
 */
final class PulsarLogConsumer implements LogConsumer {

    private static final int MAX_ENTRIES_PER_POLL = 1000;
    private static final long MAX_BYTES_PER_POLL = 16L << 20;

    private final PulsarLogOptions options;
    private final PulsarClient client;
    private Reader<byte[]> reader;
    private boolean closed;

    private PulsarLogConsumer(PulsarLogOptions options, PulsarClient client) {
        this.options = options;
        this.client = client;
    }

    /** Connects and positions a reader at the topic's earliest retained message. */
    static PulsarLogConsumer open(PulsarLogOptions options) {
        PulsarClient client = options.connect();
        PulsarLogConsumer consumer = new PulsarLogConsumer(options, client);
        try {
            consumer.reader = consumer.newReader(MessageId.earliest, true);
            return consumer;
        } catch (RuntimeException e) {
            client.closeAsync();
            throw e;
        }
    }

    private Reader<byte[]> newReader(MessageId start, boolean inclusive) {
        try {
            var builder = client.newReader()
                    .topic(options.topic())
                    .startMessageId(start)
                    .receiverQueueSize(options.receiverQueueSize());
            if (inclusive) {
                builder.startMessageIdInclusive();
            }
            return builder.create();
        } catch (PulsarClientException | RuntimeException e) {
            throw PulsarFailures.of("open a reader on", options.specText(), e);
        }
    }

    private void replaceReader(MessageId start, boolean inclusive) {
        Reader<byte[]> next = newReader(start, inclusive);
        Reader<byte[]> previous = reader;
        reader = next;
        previous.closeAsync();
    }

    @Override
    public String streamId() {
        return options.topic();
    }

    @Override
    public void seek(Position position) {
        ensureOpen();
        PulsarPosition target = own(position);
        Optional<Position> earliest = startPosition();
        if (earliest.isEmpty() || earliest.get().compareTo(target) > 0) {
            throw new PositionExpiredException(target, earliest.orElse(null));
        }
        replaceReader(target.messageId(), false);
    }

    @Override
    public void seekToStart() {
        ensureOpen();
        replaceReader(MessageId.earliest, true);
    }

    @Override
    public List<LogEntry> poll(Duration timeout) {
        ensureOpen();
        try {
            Message<byte[]> first = reader.readNext((int) Math.min(Math.max(timeout.toMillis(), 0), Integer.MAX_VALUE),
                    TimeUnit.MILLISECONDS);
            if (first == null) {
                return List.of();
            }
            List<LogEntry> entries = new ArrayList<>();
            long bytes = 0;
            Message<byte[]> message = first;
            while (message != null) {
                byte[] payload = message.getData();
                entries.add(new LogEntry(new PulsarPosition(options.topic(), message.getMessageId()), payload,
                        message.getPublishTime()));
                bytes += payload.length;
                if (entries.size() >= MAX_ENTRIES_PER_POLL || bytes >= MAX_BYTES_PER_POLL) {
                    break;
                }
                message = reader.readNext(0, TimeUnit.MILLISECONDS);
            }
            return entries;
        } catch (PulsarClientException e) {
            throw PulsarFailures.of("read", options.topic(), e);
        }
    }

    @Override
    public Optional<Position> endPosition() {
        ensureOpen();
        try {
            List<TopicMessageId> last = reader.getLastMessageIds();
            if (last.isEmpty() || !(last.get(0) instanceof MessageIdAdv id) || id.getEntryId() < 0) {
                return Optional.empty();
            }
            return Optional.of(new PulsarPosition(options.topic(), id));
        } catch (PulsarClientException e) {
            throw PulsarFailures.of("ask for the last message of", options.topic(), e);
        }
    }

    /** Reads the first retained message with a reader of its own, so the main reader keeps its place. */
    @Override
    public Optional<Position> startPosition() {
        ensureOpen();
        Reader<byte[]> peek = newReader(MessageId.earliest, true);
        try {
            if (!peek.hasMessageAvailable()) {
                return Optional.empty();
            }
            Message<byte[]> first = peek.readNext((int) options.operationTimeout().toMillis(), TimeUnit.MILLISECONDS);
            if (first == null) {
                throw LogException.retriable("the broker said " + options.topic() + " holds messages"
                        + " but sent none within " + options.operationTimeout() + "; retry");
            }
            return Optional.of(new PulsarPosition(options.topic(), first.getMessageId()));
        } catch (PulsarClientException e) {
            throw PulsarFailures.of("read the first message of", options.topic(), e);
        } finally {
            peek.closeAsync();
        }
    }

    /** Pulsar cannot tell; overridden only so that a closed consumer refuses it like the other reads. */
    @Override
    public OptionalLong expiredEntries() {
        ensureOpen();
        return OptionalLong.empty();
    }

    @Override
    public Position positionFromBytes(byte[] bytes) {
        return PulsarPosition.fromBytes(options.topic(), bytes);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            reader.close();
        } catch (java.io.IOException e) {
            // Closing a reader of a broker that is gone fails; the client below is closed anyway.
        } finally {
            client.closeAsync();
        }
    }

    private PulsarPosition own(Position position) {
        if (!(position instanceof PulsarPosition p)) {
            throw new IllegalArgumentException("position " + position + " is not a Pulsar position; " + options.topic()
                    + " can only seek to its own positions");
        }
        if (!p.topic().equals(options.topic())) {
            throw new IllegalArgumentException("position " + position + " belongs to another topic than "
                    + options.topic() + "; a checkpoint of one stream cannot resume another");
        }
        return p;
    }

    private void ensureOpen() {
        if (closed) {
            throw LogException.fatal("consumer of " + options.topic() + " is closed; open a new one");
        }
    }

    @Override
    public String toString() {
        return "PulsarLogConsumer{" + options.topic() + "}";
    }
}
