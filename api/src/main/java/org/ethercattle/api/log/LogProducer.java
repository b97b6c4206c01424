package org.ethercattle.api.log;

import java.util.concurrent.CompletableFuture;

/**
 * Appends messages to one ordered stream.
 *
 * <ul>
 *   <li><b>Order.</b> Messages from one producer land in the order of the {@link #append} calls, also
 *       across retries. Messages of different producers may interleave.</li>
 *   <li><b>Delivery.</b> A message whose future completed normally is durable by the log's own rules
 *       and will be seen by every consumer that reads past its position. A future that completed
 *       exceptionally means the message may or may not be in the log; callers that need
 *       exactly-once effects rely on idempotent replay (records carry producer sequences).</li>
 *   <li><b>Size.</b> A message longer than {@link #maxMessageBytes()} is rejected by {@link #append}
 *       throwing {@link LogException} (naming both sizes) before anything is sent; codecs split
 *       records to fit.</li>
 *   <li><b>Threads.</b> Safe for concurrent use; ordering is then the order in which calls entered.</li>
 *   <li><b>Errors.</b> {@link LogException}, with {@link LogException#isRetriable()} telling a
 *       transient broker outage from a permanent misconfiguration.</li>
 *   <li><b>After {@link #close()}.</b> {@link #append} throws (it does not return a failed future) a
 *       {@linkplain LogException#fatal(String) fatal} {@link LogException} whose message names the log and
 *       says it is closed, so no message is lost silently; {@link #flush} returns at once, since close
 *       already delivered what was accepted; {@link #maxMessageBytes} answers as before. {@code close()}
 *       itself may be called again and does nothing.</li>
 * </ul>
 */
public interface LogProducer extends AutoCloseable {

    /**
     * Appends one message. The array is owned by the producer from here on.
     *
     * @return a future of the position the message landed at
     */
    CompletableFuture<Position> append(byte[] message);

    /** The largest message this log accepts, in bytes. */
    int maxMessageBytes();

    /** Blocks until every message appended so far is acknowledged (or has failed). */
    void flush();

    /**
     * Flushes, then releases the connection. Idempotent: a second call does nothing. Afterwards
     * {@link #append} throws a fatal {@link LogException} (see the class description).
     */
    @Override
    void close();
}
