package org.ethercattle.log.nats;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.NUID;
import io.nats.client.PublishOptions;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StreamInfo;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.ethercattle.api.log.LogException;
import org.ethercattle.api.log.LogProducer;
import org.ethercattle.api.log.Position;
import org.ethercattle.api.spi.SpecException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends to one JetStream stream; see {@link LogProducer} for the contract.
 *
 * <ul>
 *   <li><b>One message in flight.</b> {@link #append} queues the message and returns; a sender thread
 *       publishes the queue in order, one message at a time: it publishes (asynchronously), waits for
 *       the stream's acknowledgement, completes the append's future with the stream sequence, and only
 *       then publishes the next. With several messages in flight a retry could reorder them: if message
 *       k is lost with a dropped connection while k+1 still sits in the client's outgoing buffer, k+1
 *       lands after the reconnect and the retried k after it. One in flight rules that out; its price is
 *       one round trip per message (messages are whole records or large chunks, so this is rarely the
 *       bottleneck).</li>
 *   <li><b>Retry.</b> A publish that fails for a transient reason (no connection, no acknowledgement
 *       within {@code ackTimeout}, a server restarting) is sent again with the same {@code Nats-Msg-Id}
 *       (see {@link DeduplicationId}) until it is acknowledged or {@code retryFor} has passed since its
 *       first attempt. The stream's deduplication window (longer than {@code retryFor}) stores a message
 *       that arrives twice once; the acknowledgement of the second copy names the first's sequence.</li>
 *   <li><b>Fail-stop.</b> A message that cannot be stored within {@code retryFor} (or is refused for a
 *       permanent reason) fails its future, and so does every later append of this producer: writing
 *       records after a lost one would leave a gap in the stream. Open a new producer once the servers
 *       are back (a capturing master stops, see {@code CapturingDatabase}).</li>
 *   <li><b>Size.</b> {@link #maxMessageBytes()} is the server's {@code max_payload} (and the stream's
 *       {@code max_msg_size}, if set) less room for the headers, or the spec's lower
 *       {@code maxMessageBytes}.</li>
 *   <li><b>Threads.</b> Safe for concurrent use; order is the order in which {@link #append} calls
 *       entered.</li>
 * </ul>
 */
final class NatsLogProducer implements LogProducer {

    private static final Logger LOG = LoggerFactory.getLogger(NatsLogProducer.class);

    /** Room kept for the headers, which count against {@code max_payload}: the msg-id and expected stream. */
    private static final int HEADER_ROOM = 256;
    /** JetStream's API error code for "JetStream system temporarily unavailable". */
    private static final int TEMPORARILY_UNAVAILABLE = 10008;

    private static final Pending STOP = new Pending(new byte[0], -1, new CompletableFuture<>());

    private final NatsLogOptions options;
    private final Connection connection;
    private final JetStream jetStream;
    private final int maxMessageBytes;
    private final String producerId = NUID.nextGlobal();
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread sender;

    /** Guarded by {@code this}: append numbering, the newest future, closing. */
    private long appends;
    private CompletableFuture<Position> newest = CompletableFuture.completedFuture(null);
    private boolean closed;
    /** Set once by the sender when a message fails; every later append fails with it. */
    private volatile LogException failure;

    /** A queued append; its msg-id is derived on the sender thread, keeping the hash off the caller's path. */
    private record Pending(byte[] message, long appendNumber, CompletableFuture<Position> future) {}

    NatsLogProducer(NatsLogOptions options) {
        this.options = options;
        this.connection = options.connection().connect("cattle-producer-" + options.stream(), null);
        try {
            StreamInfo info = new NatsStream(options, connection).ensure();
            this.maxMessageBytes = limit(info);
            this.jetStream = connection.jetStream();
        } catch (RuntimeException | IOException e) {
            closeConnection();
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw LogException.fatal("JetStream is not available on " + options.connection().servers() + ": "
                    + e.getMessage() + "; start nats-server with -js", e);
        }
        this.sender = new Thread(this::sendInOrder, "cattle-nats-producer-" + options.stream());
        sender.setDaemon(true);
        sender.start();
    }

    private int limit(StreamInfo info) {
        long serverLimit = connection.getServerInfo().getMaxPayload();
        long streamLimit = info.getConfiguration().getMaximumMessageSize();
        long accepted = streamLimit > 0 ? Math.min(serverLimit, streamLimit) : serverLimit;
        long usable = accepted - HEADER_ROOM - options.stream().length();
        if (usable < 1) {
            throw LogException.fatal("stream " + options.stream() + " accepts messages of only " + accepted
                    + " bytes, too few for Cattle's records; raise max_payload / max_msg_size");
        }
        if (options.maxMessageBytes() > usable) {
            throw new SpecException("spec '" + options.spec() + "': maxMessageBytes=" + options.maxMessageBytes()
                    + " is more than the server accepts (" + usable + ": max_payload " + accepted + " less "
                    + (accepted - usable) + " for headers); lower it or raise max_payload in nats-server's config");
        }
        return (int) (options.maxMessageBytes() > 0 ? options.maxMessageBytes() : usable);
    }

    @Override
    public CompletableFuture<Position> append(byte[] message) {
        Objects.requireNonNull(message, "message");
        if (message.length > maxMessageBytes) {
            throw LogException.fatal("a message of " + message.length + " bytes is over stream " + options.stream()
                    + "'s limit of " + maxMessageBytes + " bytes (maxMessageBytes); split it (Cattle's codecs"
                    + " do) or raise the limit");
        }
        synchronized (this) {
            if (closed) {
                throw LogException.fatal("the producer for stream " + options.stream() + " is closed; open a new one");
            }
            LogException failed = failure;
            if (failed != null) {
                return CompletableFuture.failedFuture(stopped(failed));
            }
            Pending pending = new Pending(message, appends++, new CompletableFuture<>());
            queue.add(pending);
            newest = pending.future();
            return pending.future();
        }
    }

    @Override
    public int maxMessageBytes() {
        return maxMessageBytes;
    }

    /** Waits for the newest append; the sender completes futures in order, so every earlier one is done too. */
    @Override
    public void flush() {
        CompletableFuture<Position> last;
        synchronized (this) {
            last = newest;
        }
        try {
            last.exceptionally(e -> null).join();
        } catch (CancellationException e) {
            // Completed all the same.
        }
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
            queue.add(STOP);
            sender.join(TimeUnit.MINUTES.toMillis(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeConnection();
        }
    }

    private void closeConnection() {
        try {
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void sendInOrder() {
        while (true) {
            Pending pending;
            try {
                pending = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (pending == STOP) {
                return;
            }
            LogException failed = failure;
            if (failed != null) {
                pending.future().completeExceptionally(stopped(failed));
                continue;
            }
            try {
                long sequence = publish(pending);
                pending.future().complete(new NatsPosition(options.stream(), sequence));
            } catch (LogException e) {
                failure = e;
                pending.future().completeExceptionally(e);
            }
        }
    }

    /** Publishes one message until it is acknowledged; returns its stream sequence. */
    private long publish(Pending pending) {
        String messageId = DeduplicationId.of(pending.message(), producerId, pending.appendNumber());
        PublishOptions publishOptions = PublishOptions.builder().messageId(messageId)
                .expectedStream(options.stream()).build();
        long deadline = System.nanoTime() + options.retryFor().toNanos();
        long ackTimeoutMillis = options.ackTimeout().toMillis();
        int attempts = 0;
        Throwable lastError = null;
        while (true) {
            if (connection.getStatus() == Connection.Status.CONNECTED) {
                attempts++;
                try {
                    PublishAck ack = jetStream.publishAsync(options.subject(), pending.message(), publishOptions)
                            .get(ackTimeoutMillis, TimeUnit.MILLISECONDS);
                    if (attempts > 1) {
                        LOG.info("stream {}: message {} stored at sequence {} after {} attempts{}",
                                options.stream(), messageId, ack.getSeqno(), attempts,
                                ack.isDuplicate() ? " (as a duplicate)" : "");
                    }
                    return ack.getSeqno();
                } catch (ExecutionException e) {
                    lastError = rootCause(e);
                    if (lastError instanceof JetStreamApiException api
                            && api.getApiErrorCode() != TEMPORARILY_UNAVAILABLE) {
                        throw LogException.fatal("stream " + options.stream() + " refused a message of "
                                + pending.message().length + " bytes: " + api.getMessage()
                                + "; check the stream's limits and configuration", api);
                    }
                } catch (TimeoutException | IllegalStateException e) {
                    lastError = e;
                    if (e instanceof IllegalStateException && connection.getStatus() == Connection.Status.CLOSED) {
                        throw LogException.fatal("the connection of the producer for stream " + options.stream()
                                + " closed with messages unsent; open a new producer", e);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw LogException.retriable("interrupted while appending to stream " + options.stream(), e);
                }
                if (attempts == 1) {
                    LOG.warn("stream {}: appending message {} failed ({}); retrying for up to {}", options.stream(),
                            messageId, describe(lastError), options.retryFor());
                }
            }
            if (System.nanoTime() - deadline > 0) {
                throw LogException.retriable("stream " + options.stream() + " did not store a message within retryFor "
                        + options.retryFor() + " (" + attempts + " attempts; last: " + describe(lastError)
                        + " ; connection " + connection.getStatus() + "); check that nats-server at "
                        + options.connection().servers() + " runs, then open a new producer", lastError);
            }
            pause(attempts);
        }
    }

    private static void pause(int attempts) {
        try {
            Thread.sleep(Math.min(1000, 50L << Math.min(attempts, 5)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Throwable rootCause(ExecutionException e) {
        Throwable cause = e.getCause();
        while (cause instanceof RuntimeException && cause.getCause() != null
                && (cause.getCause() instanceof JetStreamApiException || cause.getCause() instanceof IOException)) {
            cause = cause.getCause();
        }
        return cause;
    }

    private String describe(Throwable error) {
        if (error == null) {
            return "not connected";
        }
        if (error instanceof TimeoutException) {
            return "no acknowledgement within ackTimeout " + options.ackTimeout();
        }
        return error.getClass().getSimpleName() + ": " + error.getMessage();
    }

    private LogException stopped(LogException cause) {
        return LogException.fatal("the producer for stream " + options.stream() + " stopped after an earlier message"
                + " failed (" + cause.getMessage() + "); records after a lost one would leave a gap, so open a new"
                + " producer (restart the master)", cause);
    }

    @Override
    public String toString() {
        return "NatsLogProducer{" + options.spec() + "}";
    }
}
