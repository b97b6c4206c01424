package org.ethercattle.core.replay;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.log.LogEntry;
import org.ethercattle.api.log.LogException;
import org.ethercattle.api.log.Position;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link LogConsumer} that polls its delegate on a thread of its own, keeping up to
 * {@code maxBytes} of payload read ahead, so that a log client's work (fetching, checking and copying
 * records) overlaps with decoding and store writes on the replay thread instead of adding to them (when
 * that pays is in {@code docs/replay.md}, <i>Read-ahead</i>).
 *
 * <ul>
 *   <li><b>Order and errors.</b> Entries come out exactly as the delegate returned them, in the same
 *       chunks. A delegate error is handed over after the entries read before it, and the background
 *       thread then waits until the reader polls again, so every delegate error is seen once and a
 *       failing log is not polled in a loop.</li>
 *   <li><b>One thread touches the delegate at a time.</b> Once the first {@link #poll} has started the
 *       background thread, every other call ({@link #seek}, {@link #endPosition}, ...) runs on that
 *       thread between two delegate polls, and the caller waits for its result (at most one delegate
 *       poll, {@code fetchTimeout}). Before the first poll they run on the caller's thread. So a
 *       delegate that is not thread-safe, as {@link LogConsumer} allows, is never used concurrently.</li>
 *   <li><b>Seeks</b> drop whatever was read ahead.</li>
 *   <li><b>Bound.</b> The background thread stops fetching while {@code maxBytes} or more are waiting,
 *       counting each entry as its payload plus {@value #ENTRY_OVERHEAD} bytes; one delegate poll can
 *       overshoot by what it returns.</li>
 *   <li><b>{@link #pause()}</b> stops reading ahead and returns once the background thread is out of
 *       the delegate, so the delegate's owner may use or close it; the next {@link #poll} resumes.</li>
 *   <li><b>{@link #close()}</b> stops the background thread and leaves the delegate open, positioned
 *       after the last entry read ahead (not after the last entry handed out): seek it before reusing it.</li>
 * </ul>
 *
 * <p>One reader thread, like any {@link LogConsumer}.
 */
final class ReadAheadConsumer implements LogConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(ReadAheadConsumer.class);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);
    /**
     * Heap an entry costs besides its payload (the entry, its position, the array header, a list slot),
     * counted against the bound so that a log of tiny entries (heartbeats, single puts) cannot pile up
     * millions of them within a bound meant for bytes.
     */
    static final int ENTRY_OVERHEAD = 128;

    private final LogConsumer delegate;
    private final String streamId;
    private final long maxBytes;
    private final Duration fetchTimeout;

    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled on every state change; there are only two threads, so one condition is enough. */
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Chunk> chunks = new ArrayDeque<>();
    private long bytesWaiting;
    /** Whether the reader wants entries; cleared after a delegate error until the reader polls again. */
    private boolean fetching;
    /** A delegate error is waiting in {@link #chunks}: polls that do not reach it must not re-arm fetching. */
    private boolean errorWaiting;
    /** The background thread is inside {@code delegate.poll}. */
    private boolean delegatePolling;
    private DelegateCall<?> pendingCall;
    private boolean closed;
    private Thread fetcher;

    /**
     * @param delegate     the consumer to read ahead from; not owned
     * @param maxBytes     bytes to keep waiting at most (plus one delegate poll), each entry counted as its
     *                     payload plus {@value #ENTRY_OVERHEAD}
     * @param fetchTimeout how long one background poll of the delegate waits; also the longest a call
     *                     such as {@link #seek} waits for the background thread
     */
    ReadAheadConsumer(LogConsumer delegate, long maxBytes, Duration fetchTimeout) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.streamId = delegate.streamId();
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive, was " + maxBytes);
        }
        this.maxBytes = maxBytes;
        this.fetchTimeout = Objects.requireNonNull(fetchTimeout, "fetchTimeout");
    }

    @Override
    public String streamId() {
        return streamId;
    }

    @Override
    public List<LogEntry> poll(Duration timeout) {
        lock.lock();
        try {
            checkOpen();
            if (fetcher == null) {
                fetcher = new Thread(this::fetchLoop, "cattle-read-ahead-" + streamId);
                fetcher.setDaemon(true);
                fetcher.start();
            }
            if (!errorWaiting) {
                fetching = true;
                changed.signalAll();
            }
            long nanos = timeout.toNanos();
            while (chunks.isEmpty()) {
                if (nanos <= 0) {
                    return List.of();
                }
                nanos = changed.awaitNanos(nanos);
                checkOpen();
            }
            Chunk chunk = chunks.removeFirst();
            bytesWaiting -= chunk.bytes;
            changed.signalAll();
            if (chunk.error != null) {
                errorWaiting = false;
                throw chunk.error;
            }
            return chunk.entries;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void seek(Position position) {
        call(() -> {
            delegate.seek(position);
            return null;
        }, true);
    }

    @Override
    public void seekToStart() {
        call(() -> {
            delegate.seekToStart();
            return null;
        }, true);
    }

    @Override
    public Optional<Position> endPosition() {
        return call(delegate::endPosition, false);
    }

    @Override
    public Optional<Position> startPosition() {
        return call(delegate::startPosition, false);
    }

    @Override
    public Position positionFromBytes(byte[] bytes) {
        return computed(() -> delegate.positionFromBytes(bytes));
    }

    @Override
    public OptionalLong entriesBetween(Position from, Position to) {
        return computed(() -> delegate.entriesBetween(from, to));
    }

    @Override
    public OptionalLong expiredEntries() {
        return call(() -> delegate.expiredEntries(), false);
    }

    @Override
    public Optional<Position> positionAt(long offset) {
        return computed(() -> delegate.positionAt(offset));
    }

    /**
     * Stops reading ahead until the next {@link #poll}, and waits until the background thread is out of
     * the delegate's poll (at most {@code fetchTimeout}). Afterwards nothing touches the delegate until
     * this consumer is called again, so its owner may use or close it from any thread; what was read ahead
     * stays waiting for the next poll.
     */
    void pause() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            fetching = false;
            changed.signalAll();
            while (delegatePolling) {
                changed.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Stops the background thread (waiting for its delegate poll to return); leaves the delegate open. */
    @Override
    public void close() {
        Thread running;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            running = fetcher;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (running == null || running == Thread.currentThread()) {
            return;
        }
        try {
            running.join(CLOSE_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (running.isAlive()) {
            LOG.warn("the read-ahead thread of stream {} is still inside a poll of {} after {}; leaving it",
                    streamId, delegate, CLOSE_WAIT);
        }
    }

    /**
     * Runs {@code action} against the delegate: directly while no background thread exists, else on it,
     * waiting for the result. A {@code repositions} action drops what was read ahead when it succeeds.
     */
    private <T> T call(Supplier<T> action, boolean repositions) {
        DelegateCall<T> call = new DelegateCall<>(action, repositions);
        lock.lock();
        try {
            checkOpen();
            if (fetcher == null) {
                call.run();
            } else {
                pendingCall = call;
                changed.signalAll();
                while (!call.done) {
                    changed.awaitUninterruptibly();
                }
            }
        } finally {
            lock.unlock();
        }
        return call.result();
    }

    /**
     * As {@link #call}, for the delegate's position arithmetic, which reads nothing from the log: after
     * close it runs directly, because {@link LogConsumer} lets those methods answer after close.
     */
    private <T> T computed(Supplier<T> action) {
        lock.lock();
        try {
            return closed ? action.get() : call(action, false);
        } finally {
            lock.unlock();
        }
    }

    private void fetchLoop() {
        while (true) {
            DelegateCall<?> call;
            lock.lock();
            try {
                while (!closed && pendingCall == null && (!fetching || bytesWaiting >= maxBytes)) {
                    changed.awaitUninterruptibly();
                }
                if (closed) {
                    return;
                }
                call = pendingCall;
                if (call != null) {
                    // Run under the lock: the reader is waiting for it anyway, and a seek must drop the
                    // chunks read ahead with no poll in between.
                    call.run();
                    pendingCall = null;
                    changed.signalAll();
                    continue;
                }
                delegatePolling = true;
            } finally {
                lock.unlock();
            }
            fetchOnce();
        }
    }

    private void fetchOnce() {
        Chunk chunk = null;
        try {
            List<LogEntry> entries = delegate.poll(fetchTimeout);
            if (!entries.isEmpty()) {
                long bytes = 0;
                for (LogEntry entry : entries) {
                    bytes += entry.payload().length + ENTRY_OVERHEAD;
                }
                chunk = new Chunk(entries, null, bytes);
            }
        } catch (RuntimeException e) {
            chunk = new Chunk(null, e, 0);
        } catch (Error e) {
            chunk = new Chunk(null, new IllegalStateException("polling " + delegate + " failed: " + e, e), 0);
        }
        lock.lock();
        try {
            delegatePolling = false;
            if (chunk == null) {
                changed.signalAll();
                return;
            }
            chunks.addLast(chunk);
            bytesWaiting += chunk.bytes;
            if (chunk.error != null) {
                fetching = false;
                errorWaiting = true;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw LogException.fatal("the read-ahead reader of stream " + streamId + " is closed; open a new one");
        }
    }

    /** Entries from one delegate poll, or the error it threw. */
    private record Chunk(List<LogEntry> entries, RuntimeException error, long bytes) {}

    /** A call to the delegate made on the background thread on the reader's behalf. */
    private final class DelegateCall<T> {
        private final Supplier<T> action;
        private final boolean repositions;
        private T result;
        private Throwable error;
        private boolean done;

        DelegateCall(Supplier<T> action, boolean repositions) {
            this.action = action;
            this.repositions = repositions;
        }

        /** Runs the action; the caller holds {@link #lock}. */
        void run() {
            try {
                result = action.get();
                if (repositions) {
                    chunks.clear();
                    bytesWaiting = 0;
                    errorWaiting = false;
                }
            } catch (RuntimeException | Error e) {
                error = e;
            }
            done = true;
        }

        T result() {
            if (error instanceof RuntimeException e) {
                throw e;
            }
            if (error instanceof Error e) {
                throw e;
            }
            return result;
        }
    }

    @Override
    public String toString() {
        return "ReadAheadConsumer{" + delegate + ", up to " + maxBytes + " B}";
    }

    /** For tests: bytes waiting to be polled, as counted against the bound. */
    long bytesWaiting() {
        lock.lock();
        try {
            return bytesWaiting;
        } finally {
            lock.unlock();
        }
    }

    /** For tests: whether the background thread has been started and has not ended. */
    boolean fetcherAlive() {
        lock.lock();
        try {
            return fetcher != null && fetcher.isAlive();
        } finally {
            lock.unlock();
        }
    }
}
