package org.ethercattle.api.log;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads one ordered stream from a chosen position. Not thread-safe: one thread polls it.
 *
 * <ul>
 *   <li><b>Order.</b> {@link #poll} returns entries in log order, each once, without gaps: the first
 *       entry after a {@link #seek} is the one right after the seeked position.</li>
 *   <li><b>Start.</b> A new consumer reads from the log's start, as after {@link #seekToStart()}.</li>
 *   <li><b>Expiry.</b> If retention has removed entries a reader needs (a seeked position older than
 *       {@link #startPosition()}), {@link #seek} or the next {@link #poll} throws
 *       {@link PositionExpiredException}; a consumer never skips silently over missing entries.</li>
 *   <li><b>Errors.</b> {@link LogException}; retriable ones may succeed on the next poll.</li>
 *   <li><b>After {@link #close()}.</b> The methods that read the log ({@link #seek}, {@link #seekToStart},
 *       {@link #poll}, {@link #endPosition}, {@link #startPosition}, {@link #expiredEntries}) throw a
 *       {@linkplain LogException#fatal(String) fatal} {@link LogException} whose message names the log and
 *       says it is closed, as reading a closed stream fails with an {@code IOException} in the JDK. The
 *       methods that only compute ({@link #streamId}, {@link #positionFromBytes}, {@link #entriesBetween},
 *       {@link #positionAt}) answer as before. {@code close()} itself may be called again and does
 *       nothing.</li>
 * </ul>
 */
public interface LogConsumer extends AutoCloseable {

    /**
     * A name for the stream that stays the same across restarts and hosts (topic, stream or log id).
     * Replicas key their checkpoint by it so that a store replayed from one stream is never resumed
     * on another.
     */
    String streamId();

    /** Resumes strictly after {@code position}: the next entry polled is the one that follows it. */
    void seek(Position position);

    /** Resumes at the oldest entry still retained. */
    void seekToStart();

    /**
     * Waits up to {@code timeout} for entries and returns those ready, in order; an empty list when
     * none arrived in time.
     */
    List<LogEntry> poll(Duration timeout);

    /** The position of the newest entry now in the log, or empty when the log holds none. */
    Optional<Position> endPosition();

    /** The position of the oldest entry still retained, or empty when the log holds none. */
    Optional<Position> startPosition();

    /** Turns bytes from {@link Position#toBytes()} of this log kind back into a position. */
    Position positionFromBytes(byte[] bytes);

    /**
     * The number of entries after {@code from} up to and including {@code to}, when this log can
     * count them cheaply (offset-based logs can); empty otherwise.
     */
    default OptionalLong entriesBetween(Position from, Position to) {
        return OptionalLong.empty();
    }

    /**
     * The position of the entry with numeric offset {@code offset}, for logs whose entries have dense
     * numeric offsets (Kafka offset, JetStream stream sequence, file or memory log index); empty for
     * logs without them (Pulsar). Used to start from a checkpoint that stores a bare offset, such as the
     * original Ether Cattle's {@code cdc-log-<topic>-offset} key. The entry need not exist any more.
     */
    default Optional<Position> positionAt(long offset) {
        return Optional.empty();
    }

    /**
     * How many entries retention has removed from the front of the stream: 0 while the log still holds the
     * first entry ever appended to it (or nothing was ever appended), more once expiry took some, empty when
     * this log cannot tell (Pulsar). A replica with no checkpoint starts at {@link #seekToStart()}; it asks
     * this first, so that it refuses a stream whose beginning is gone instead of replaying only its end.
     */
    default OptionalLong expiredEntries() {
        return OptionalLong.empty();
    }

    /**
     * Releases the connection. Idempotent: a second call does nothing. Afterwards the methods that read
     * the log throw a fatal {@link LogException} (see the class description).
     */
    @Override
    void close();
}
