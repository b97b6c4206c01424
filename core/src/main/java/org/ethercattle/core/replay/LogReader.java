package org.ethercattle.core.replay;

import java.time.Duration;
import java.util.List;
import org.ethercattle.api.BulkLoadable;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.log.LogEntry;
import org.ethercattle.api.log.Position;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a {@link Replayer} reads its consumer, and how it speeds up a long catch-up:
 *
 * <ul>
 *   <li><b>Read-ahead.</b> With {@code readAheadBytes} the consumer is polled on a thread of its own
 *       ({@link ReadAheadConsumer}), only while the replayer is working: {@link #pause()} hands it back.</li>
 *   <li><b>Bulk-load mode.</b> Once a catch-up has committed {@code bulkLoadAfterBytes} into a
 *       {@link BulkLoadable} store, the store takes the rest of the catch-up in bulk-load mode, and (when
 *       there is no read-ahead already) the consumer is read ahead by {@code catchUpReadAheadBytes} until the
 *       catch-up ends: the writer then waits on the store's background work much of the time, so the log
 *       client's work pays to run beside it (see {@code docs/replay.md}).</li>
 *   <li><b>Seek-back.</b> Ending that read-ahead drops what it read past the last processed entry; the
 *       consumer is sought back to that entry before its next poll, so nothing is skipped. A seek that fails
 *       is tried again before the poll after.</li>
 * </ul>
 *
 * <p>Replay thread only, like the replayer's {@code step}, {@code catchUp} and {@code run}.
 */
final class LogReader {

    /** The replayer's logger: these lines belong to its story of a catch-up. */
    private static final Logger LOG = LoggerFactory.getLogger(Replayer.class);

    /** The consumer, behind {@link #readAhead} unless read-ahead is off. */
    private final LogConsumer base;
    /** The read-ahead wrapper of the consumer, or null when read-ahead is off. */
    private final ReadAheadConsumer readAhead;
    private final Duration pollTimeout;
    /** Read-ahead bytes while a catch-up runs in bulk-load mode (when {@link #readAhead} is null); 0: none. */
    private final long catchUpReadAheadBytes;
    /** The store's bulk-load hint, or null when it has none or the builder switched it off. */
    private final BulkLoadable bulkLoad;
    /** Bytes a catch-up applies before it puts the store into bulk-load mode. */
    private final long bulkLoadAfterBytes;

    /** What replay polls: {@link #base}, or {@link #catchUpReadAhead} while that runs. */
    private LogConsumer current;
    /** Reads {@link #base} ahead during a catch-up in bulk-load mode; null otherwise. */
    private ReadAheadConsumer catchUpReadAhead;
    /** Whether the catch-up under way has put the store into bulk-load mode. */
    private boolean bulkLoading;
    /**
     * The catch-up read-ahead was stopped with entries possibly read past the last processed one, and the
     * seek of {@link #base} back to it has not succeeded yet: the next poll must do it first.
     */
    private boolean seekBeforePoll;

    LogReader(ReplaySettings settings) {
        this.pollTimeout = settings.pollTimeout();
        this.readAhead = settings.readAheadBytes() > 0
                ? new ReadAheadConsumer(settings.log(), settings.readAheadBytes(), pollTimeout) : null;
        this.base = readAhead != null ? readAhead : settings.log();
        this.current = base;
        this.catchUpReadAheadBytes = readAhead == null ? settings.catchUpReadAheadBytes() : 0;
        this.bulkLoad = settings.bulkLoadAfterBytes() >= 0 && settings.store() instanceof BulkLoadable hint
                ? hint : null;
        this.bulkLoadAfterBytes = settings.bulkLoadAfterBytes();
    }

    /**
     * The consumer to make every call other than a poll on (end position, offsets, positions): whichever
     * wrapper is reading, so that the consumer is never used by two threads at once.
     */
    LogConsumer consumer() {
        return current;
    }

    /**
     * Polls, first seeking the consumer back after {@code lastProcessed} (its start when null) if a
     * catch-up's read-ahead may have read past it.
     */
    List<LogEntry> poll(Duration timeout, Position lastProcessed) {
        if (seekBeforePoll) {
            if (lastProcessed == null) {
                current.seekToStart();
            } else {
                current.seek(lastProcessed);
            }
            seekBeforePoll = false;
        }
        return current.poll(timeout);
    }

    /**
     * Tells the catch-up under way that it has committed {@code bytes} so far: past
     * {@code bulkLoadAfterBytes} the store enters bulk-load mode, once per catch-up, and the catch-up's
     * read-ahead starts.
     */
    void catchUpCommitted(long bytes, String streamId) {
        if (bulkLoading || bulkLoad == null || bytes < bulkLoadAfterBytes) {
            return;
        }
        LOG.info("stream {}: a long catch-up, {} bytes applied; the store takes the rest in bulk-load mode",
                streamId, bytes);
        bulkLoad.beginBulkLoad();
        bulkLoading = true;
        if (catchUpReadAheadBytes > 0) {
            catchUpReadAhead = new ReadAheadConsumer(base, catchUpReadAheadBytes, pollTimeout);
            current = catchUpReadAhead;
        }
    }

    /**
     * Ends the catch-up under way: leaves bulk-load mode if it entered it, and stops its read-ahead. A
     * failure to leave the mode is thrown, unless {@code thrown} (the catch-up's own failure, or null) is
     * already on its way, which then carries it as suppressed.
     */
    void endCatchUp(Throwable thrown) {
        boolean leaveBulkLoad = bulkLoading;
        bulkLoading = false;
        try {
            if (leaveBulkLoad) {
                endBulkLoad(thrown);
            }
        } finally {
            stopCatchUpReadAhead();
        }
    }

    private void endBulkLoad(Throwable thrown) {
        try {
            bulkLoad.endBulkLoad();
        } catch (RuntimeException e) {
            if (thrown == null) {
                throw e;
            }
            thrown.addSuppressed(e);
        }
    }

    private void stopCatchUpReadAhead() {
        if (catchUpReadAhead == null) {
            return;
        }
        current = base;
        seekBeforePoll = true;
        ReadAheadConsumer stopped = catchUpReadAhead;
        catchUpReadAhead = null;
        stopped.close();
    }

    /**
     * Stops reading ahead until the next poll, and returns once nothing touches the consumer, so that its
     * owner may close it (or a test may kill its broker) between the replayer's calls.
     */
    void pause() {
        if (readAhead != null) {
            readAhead.pause();
        }
    }

    /** Stops the read-ahead thread, if any; leaves the consumer open. */
    void close() {
        if (readAhead != null) {
            readAhead.close();
        }
    }
}
