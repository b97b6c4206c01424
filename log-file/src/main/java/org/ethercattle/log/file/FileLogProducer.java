package org.ethercattle.log.file;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.ethercattle.api.log.LogException;
import org.ethercattle.api.log.LogProducer;
import org.ethercattle.api.log.Position;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends to a file log. Appends take the directory's append lock (threads of this JVM and other
 * processes alike), re-establish the tail, write their frames with gathering writes, and release the
 * lock; so producers in several processes can share one log, their entries never interleave bytes,
 * and indexes stay dense. Appends that arrive while another thread of this producer is writing are
 * queued and written together by the next thread to get in, with one lock hold.
 *
 * <ul>
 *   <li><b>Completion.</b> {@link #append} writes before it returns; the future it returns is already
 *       complete (with fsync {@code always}, only after the bytes are on disk; concurrent appenders
 *       share one fsync). An I/O failure completes the future exceptionally with a retriable
 *       {@link LogException}; the entry may or may not be in the log.</li>
 *   <li><b>Order.</b> Entries of one producer land in the order its {@code append} calls entered its
 *       queue.</li>
 *   <li><b>Threads.</b> Safe for concurrent use.</li>
 * </ul>
 */
public final class FileLogProducer implements LogProducer {

    private static final Logger LOG = LoggerFactory.getLogger(FileLogProducer.class);

    private final FileLog log;
    private final FileLogOptions options;
    private final SegmentAppender appender;
    private final ScheduledExecutorService background;
    private final Object syncLock = new Object();

    /** Appends accepted and not yet written, in call order; guarded by itself. */
    private final ArrayDeque<PendingAppend> queue = new ArrayDeque<>();
    /** Appends written so far; guarded by {@code this}. */
    private long appended;
    /** Appends known to be on disk; guarded by {@code syncLock}. */
    private long synced;
    private volatile boolean closed;

    @SuppressWarnings("try") // the lock is the try block: held for its duration, never read
    private FileLogProducer(FileLog log) {
        this.log = log;
        this.options = log.options();
        this.appender = new SegmentAppender(log);
        try (AppendLock.Held held = log.lock()) {
            appender.recover();
        }
        if (options.fsync() == FsyncPolicy.INTERVAL) {
            background = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "cattle-file-log-fsync " + log.directory().getFileName());
                thread.setDaemon(true);
                return thread;
            });
            long period = Math.max(1, options.fsyncInterval().toMillis());
            background.scheduleWithFixedDelay(this::backgroundSync, period, period, TimeUnit.MILLISECONDS);
        } else {
            background = null;
        }
    }

    /**
     * Opens a producer on {@code log}, recovering its tail (a torn last frame is truncated with a
     * warning). The producer owns {@code log} and closes it.
     *
     * @throws LogException when the tail cannot be read or is corrupt
     */
    public static FileLogProducer open(FileLog log) {
        try {
            return new FileLogProducer(log);
        } catch (RuntimeException e) {
            log.close();
            throw e;
        }
    }

    /** The log appended to. */
    public FileLog log() {
        return log;
    }

    /**
     * Appends {@code message} as one entry.
     *
     * @throws LogException (not retriable) when the message is longer than {@link #maxMessageBytes()}
     *                      or the producer is closed
     */
    @Override
    public CompletableFuture<Position> append(byte[] message) {
        Objects.requireNonNull(message, "message");
        if (message.length > options.maxMessageBytes()) {
            throw LogException.fatal("message of " + message.length + " bytes is longer than maxMessageBytes="
                    + options.maxMessageBytes() + " of file log " + log.directory() + "; raise maxMessageBytes in"
                    + " the log spec or have the codec split records to fit");
        }
        PendingAppend mine = new PendingAppend(message);
        synchronized (queue) {
            requireOpen();
            queue.add(mine);
        }
        writeQueued(mine);
        if (mine.failure != null) {
            return CompletableFuture.failedFuture(mine.failure);
        }
        if (options.fsync() == FsyncPolicy.ALWAYS) {
            try {
                syncThrough(mine.ticket);
            } catch (LogException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        return CompletableFuture.completedFuture(mine.position);
    }

    /**
     * Writes every queued append, in queue order, under one hold of the append lock, unless another
     * thread already wrote {@code mine} along with its own (so concurrent appenders share lock
     * round-trips and writes instead of queueing for them one by one).
     */
    private void writeQueued(PendingAppend mine) {
        synchronized (this) {
            if (mine == null || !mine.finished) {
                writeBatch();
            }
        }
    }

    /** Writes and settles everything queued now. Caller holds {@code this}. */
    private void writeBatch() {
        List<PendingAppend> batch;
        synchronized (queue) {
            if (queue.isEmpty()) {
                return;
            }
            batch = new ArrayList<>(queue);
            queue.clear();
        }
        List<byte[]> payloads = new ArrayList<>(batch.size());
        for (PendingAppend pending : batch) {
            payloads.add(pending.payload);
        }
        int written = 0;
        long first = -1;
        LogException failure = null;
        AppendLock.Held held = null;
        try {
            held = log.lock();
            first = appender.append(payloads, System.currentTimeMillis());
            written = batch.size();
        } catch (LogException e) {
            failure = e;
            if (held != null) {
                written = appender.writtenOfLastBatch();
                first = appender.firstOfLastBatch();
            }
        } finally {
            if (held != null) {
                held.close();
            }
        }
        for (int i = 0; i < batch.size(); i++) {
            PendingAppend pending = batch.get(i);
            if (i < written) {
                pending.position = new FilePosition(first + i);
                pending.ticket = ++appended;
            } else {
                pending.failure = failure;
            }
            pending.payload = null;
            pending.finished = true;
        }
    }

    /**
     * One append on its way: queued by its caller, written by whichever thread drains the queue. Fields
     * are written under the producer's monitor and read by the caller after it took that monitor.
     */
    private static final class PendingAppend {
        private byte[] payload;
        private boolean finished;
        private FilePosition position;
        private long ticket;
        private LogException failure;

        private PendingAppend(byte[] payload) {
            this.payload = payload;
        }
    }

    @Override
    public int maxMessageBytes() {
        return options.maxMessageBytes();
    }

    /**
     * Returns once every entry appended so far is written; unless fsync is {@code never}, also forces
     * them to disk.
     */
    @Override
    public void flush() {
        if (options.fsync() == FsyncPolicy.NEVER) {
            return;
        }
        long ticket;
        synchronized (this) {
            if (closed) {
                return; // close forced everything appended
            }
            ticket = appended;
        }
        syncThrough(ticket);
    }

    /**
     * Makes appends up to {@code ticket} durable; one caller forces for everyone waiting behind it (group
     * commit). Lock order: {@code syncLock}, then {@code this}.
     */
    private void syncThrough(long ticket) {
        synchronized (syncLock) {
            if (synced >= ticket) {
                return;
            }
            long target;
            OpenSegment segment;
            synchronized (this) {
                target = appended;
                segment = appender.segment();
            }
            try {
                // Segments before this one were forced when they were sealed at roll time.
                if (segment != null) {
                    segment.force();
                }
            } catch (IOException e) {
                if (e instanceof java.nio.channels.ClosedByInterruptException) {
                    Thread.currentThread().interrupt();
                }
                throw LogException.retriable("cannot fsync file log " + log.directory() + ": " + e
                        + "; entries may not be durable, check the disk", e);
            }
            synced = Math.max(synced, target);
        }
    }

    private void backgroundSync() {
        try {
            long ticket;
            synchronized (this) {
                if (closed) {
                    return;
                }
                ticket = appended;
            }
            syncThrough(ticket);
        } catch (RuntimeException e) {
            LOG.warn("Background fsync of file log {} failed; will retry: {}", log.directory(), e.toString());
        }
    }

    private void requireOpen() {
        if (closed) {
            throw LogException.fatal("producer of file log " + log.directory() + " is closed; open a new one");
        }
    }

    /** Forces what was appended (unless fsync is never), then releases the files. Idempotent. */
    @Override
    public void close() {
        synchronized (queue) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (background != null) {
            // No interrupt: an interrupt during force() would close the segment's channel under us.
            background.shutdown();
            try {
                background.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            try {
                writeBatch(); // appends accepted before close are written, as callers were promised
                appender.close();
            } finally {
                log.close();
            }
        }
    }

    @Override
    public String toString() {
        return "FileLogProducer{" + log.directory() + "}";
    }
}
