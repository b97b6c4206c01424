package org.ethercattle.log.nats;

import io.nats.client.ConnectionListener;
import io.nats.client.ConsumeOptions;
import io.nats.client.IterableConsumer;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamStatusCheckedException;
import io.nats.client.Message;
import io.nats.client.StreamContext;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.OrderedConsumerConfiguration;
import io.nats.client.api.StreamState;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.log.LogEntry;
import org.ethercattle.api.log.LogException;
import org.ethercattle.api.log.Position;
import org.ethercattle.api.log.PositionExpiredException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one JetStream stream through an ordered consumer (ephemeral, no acknowledgements, no durable
 * state on the server: a replica's checkpoint lives in its own store); see {@link LogConsumer} for the
 * contract. Not thread-safe.
 *
 * <ul>
 *   <li><b>Position.</b> The consumer tracks the next stream sequence it wants. Every seek, and every
 *       reconnect of its connection, starts a new server-side ordered consumer at that sequence, so a
 *       server restart neither skips nor repeats entries.</li>
 *   <li><b>Expiry.</b> {@link #seek} to a position whose successor is older than the stream's first
 *       sequence throws {@link PositionExpiredException}; so does a poll that finds the next sequence it
 *       wants missing because retention removed it while the consumer was behind. A sequence missing for
 *       another reason (a message deleted by hand) is a non-retriable {@link LogException}. JetStream
 *       sequences are dense otherwise: deduplicated publishes take none.</li>
 *   <li><b>Errors.</b> A server that cannot be reached gives a retriable {@link LogException}; the
 *       next poll reconnects where it left off.</li>
 * </ul>
 */
final class NatsLogConsumer implements LogConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(NatsLogConsumer.class);

    /** Marks "the oldest retained entry, whichever that is when the next poll runs". */
    private static final long FROM_START = -1;
    private static final int MAX_ENTRIES_PER_POLL = 1000;
    /** How long a pull request waits on the server; heartbeats (half of it) reveal a lost consumer. */
    private static final long PULL_EXPIRES_MILLIS = 5000;

    private final NatsLogOptions options;
    private final io.nats.client.Connection connection;
    private final NatsStream stream;
    private final StreamContext streamContext;
    private final long prefetchBytes;
    /** Counts reconnects; an iterator opened before the latest one is replaced. */
    private final AtomicLong reconnects = new AtomicLong();

    private long next = FROM_START;
    private IterableConsumer iterator;
    private long iteratorReconnects;
    private boolean closed;

    NatsLogConsumer(NatsLogOptions options) {
        this.options = options;
        ConnectionListener listener = (conn, event) -> {
            if (event == ConnectionListener.Events.RECONNECTED) {
                reconnects.incrementAndGet();
            }
        };
        this.connection = options.connection().connect("cattle-consumer-" + options.stream(), listener);
        try {
            this.stream = new NatsStream(options, connection);
            stream.ensure();
            this.streamContext = connection.getStreamContext(options.stream());
            // A pull request must fit the largest message, or it stalls.
            this.prefetchBytes = Math.max(options.prefetchBytes(), 2L * connection.getServerInfo().getMaxPayload());
        } catch (RuntimeException | IOException | JetStreamApiException e) {
            closeConnection();
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            String message = "cannot read JetStream stream " + options.stream() + " on "
                    + options.connection().servers() + ": " + e.getMessage();
            throw e instanceof IOException ? LogException.retriable(message, e) : LogException.fatal(message, e);
        }
    }

    @Override
    public String streamId() {
        return options.stream();
    }

    @Override
    public void seek(Position position) {
        ensureOpen();
        long wanted = own(position).sequence() + 1;
        StreamState state = stream.state();
        if (isExpired(wanted, state)) {
            throw expired(wanted, state);
        }
        restartAt(wanted);
    }

    @Override
    public void seekToStart() {
        ensureOpen();
        restartAt(FROM_START);
    }

    @Override
    public List<LogEntry> poll(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        ensureOpen();
        if (iterator != null && iteratorReconnects != reconnects.get()) {
            dropIterator();
        }
        if (iterator == null) {
            openIterator();
        }
        List<LogEntry> entries = new ArrayList<>();
        long bytes = 0;
        try {
            long millis = timeout.toMillis();
            // jnats reads a zero or negative wait as "forever" and null as "do not wait".
            Message message = iterator.nextMessage(millis <= 0 ? null : Duration.ofMillis(millis));
            while (message != null) {
                if (!accept(message, entries)) {
                    break;
                }
                bytes += message.getData() == null ? 0 : message.getData().length;
                if (entries.size() >= MAX_ENTRIES_PER_POLL || bytes >= prefetchBytes) {
                    break;
                }
                message = iterator.nextMessage((Duration) null);
            }
        } catch (JetStreamStatusCheckedException | IllegalStateException e) {
            dropIterator();
            if (entries.isEmpty()) {
                throw LogException.retriable("reading stream " + options.stream() + " failed (" + e.getMessage()
                        + "); the next poll resumes at sequence " + describeNext(), e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return entries;
    }

    /**
     * Adds {@code message} to {@code entries} if it is the next wanted one; skips an older one (a redelivery);
     * on a gap, returns what came before it or throws.
     *
     * @return whether to keep reading
     */
    private boolean accept(Message message, List<LogEntry> entries) {
        long sequence = message.metaData().streamSequence();
        if (next != FROM_START && sequence < next) {
            return true;
        }
        if (next != FROM_START && sequence > next) {
            // Hand out what precedes the gap first; the next poll starts over at `next` and meets it again.
            dropIterator();
            if (!entries.isEmpty()) {
                return false;
            }
            StreamState state = stream.state();
            if (isExpired(next, state)) {
                throw expired(next, state);
            }
            throw LogException.fatal("stream " + options.stream() + " lacks sequences " + next + " to " + (sequence - 1)
                    + " though its retention has not removed them (first sequence " + state.getFirstSequence()
                    + "); someone deleted messages from it: rebuild the replica from a snapshot");
        }
        byte[] payload = message.getData() == null ? new byte[0] : message.getData();
        long time = message.metaData().timestamp().toInstant().toEpochMilli();
        entries.add(new LogEntry(new NatsPosition(options.stream(), sequence), payload, time));
        next = sequence + 1;
        return true;
    }

    @Override
    public Optional<Position> endPosition() {
        ensureOpen();
        StreamState state = stream.state();
        return state.getMsgCount() == 0 ? Optional.empty()
                : Optional.of(new NatsPosition(options.stream(), state.getLastSequence()));
    }

    @Override
    public Optional<Position> startPosition() {
        ensureOpen();
        return earliest(stream.state());
    }

    @Override
    public Position positionFromBytes(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length != NatsPosition.BYTES) {
            throw new IllegalArgumentException("a JetStream position is " + NatsPosition.BYTES + " bytes, not "
                    + bytes.length + "; the checkpoint was written for another kind of log");
        }
        return new NatsPosition(options.stream(), ByteBuffer.wrap(bytes).getLong());
    }

    /** Stream sequences are dense: the difference of the two. */
    @Override
    public OptionalLong entriesBetween(Position from, Position to) {
        return OptionalLong.of(Math.max(0, own(to).sequence() - own(from).sequence()));
    }

    /**
     * The sequences before the stream's first: sequences start at 1 and are never reused, so a first sequence
     * above 1 means that many were removed (for an emptied stream JetStream reports last + 1 as the first).
     */
    @Override
    public OptionalLong expiredEntries() {
        ensureOpen();
        StreamState state = stream.state();
        return OptionalLong.of(state.getLastSequence() == 0 ? 0 : Math.max(0, state.getFirstSequence() - 1));
    }

    /** The message with stream sequence {@code offset} (sequences start at 1). */
    @Override
    public Optional<Position> positionAt(long offset) {
        if (offset < 1) {
            throw new IllegalArgumentException("JetStream stream sequences start at 1, not " + offset);
        }
        return Optional.of(new NatsPosition(options.stream(), offset));
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        dropIterator();
        closeConnection();
    }

    private static boolean isExpired(long wanted, StreamState state) {
        return state.getLastSequence() > 0 && wanted < state.getFirstSequence();
    }

    private PositionExpiredException expired(long wanted, StreamState state) {
        return new PositionExpiredException(new NatsPosition(options.stream(), wanted - 1),
                earliest(state).orElse(null));
    }

    private Optional<Position> earliest(StreamState state) {
        return state.getMsgCount() == 0 ? Optional.empty()
                : Optional.of(new NatsPosition(options.stream(), state.getFirstSequence()));
    }

    private void restartAt(long sequence) {
        dropIterator();
        next = sequence;
    }

    private void openIterator() {
        OrderedConsumerConfiguration config = new OrderedConsumerConfiguration().filterSubject(options.subject());
        if (next == FROM_START) {
            config.deliverPolicy(DeliverPolicy.All);
        } else {
            config.deliverPolicy(DeliverPolicy.ByStartSequence).startSequence(next);
        }
        long reconnectsBefore = reconnects.get();
        try {
            iterator = streamContext.createOrderedConsumer(config).iterate(ConsumeOptions.builder()
                    .batchBytes(prefetchBytes).expiresIn(PULL_EXPIRES_MILLIS).build());
            iteratorReconnects = reconnectsBefore;
        } catch (IOException | JetStreamApiException | IllegalStateException e) {
            throw LogException.retriable("cannot start reading stream " + options.stream() + " at sequence "
                    + describeNext()
                    + " on " + options.connection().servers() + " (" + e.getMessage() + "); retry once the server"
                    + " answers", e);
        }
    }

    private void dropIterator() {
        if (iterator != null) {
            try {
                iterator.close();
            } catch (Exception e) {
                LOG.debug("closing the reader of stream {}: {}", options.stream(), e.toString());
            }
            iterator = null;
        }
    }

    private String describeNext() {
        return next == FROM_START ? "the start" : Long.toString(next);
    }

    private void closeConnection() {
        try {
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private NatsPosition own(Position position) {
        Objects.requireNonNull(position, "position");
        if (!(position instanceof NatsPosition nats) || !nats.stream().equals(options.stream())) {
            throw new IllegalArgumentException("position " + position + " does not belong to stream "
                    + options.stream());
        }
        return nats;
    }

    private void ensureOpen() {
        if (closed) {
            throw LogException.fatal("the consumer of stream " + options.stream() + " is closed; open a new one");
        }
    }

    @Override
    public String toString() {
        return "NatsLogConsumer{" + options.spec() + "}";
    }
}
