package org.ethercattle.core.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.log.LogEntry;
import org.ethercattle.api.log.LogException;
import org.ethercattle.api.log.LogProducer;
import org.ethercattle.api.log.PositionExpiredException;
import org.ethercattle.api.spi.SpecException;

/**
 * An in-process ordered stream ({@code memory:<name>}), for tests and one-process demos: producers and
 * consumers opened on one name in one JVM share it. Nothing is persisted; the stream lives until
 * {@link #discard(String)} or the JVM's end.
 *
 * <p>Positions are {@link MemoryPosition}s: entry indexes from 0. Entry times are the append time
 * ({@link System#currentTimeMillis()}). Messages longer than {@link #maxMessageBytes()} are refused with
 * {@link LogException}. With a retention of N entries only the newest N are kept; a reader that needs an
 * older one gets {@link PositionExpiredException}. Thread-safe: appends are serialized by one lock, and
 * consumers wait on it for new entries.
 */
public final class MemoryLog {

    /** Default largest message: 1 MiB. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 1 << 20;

    /** Default retention: every entry is kept. */
    public static final long RETAIN_ALL = Long.MAX_VALUE;

    private static final ConcurrentMap<String, MemoryLog> NAMED = new ConcurrentHashMap<>();

    /** Entries handed out by one poll at most, so one poll never copies the whole log. */
    private static final int MAX_ENTRIES_PER_POLL = 1024;

    private record Stored(byte[] payload, long timeMillis) {}

    private final String name;
    private final int maxMessageBytes;
    private final long retainEntries;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition appended = lock.newCondition();
    /** Retained entries from {@code head} on; slots before {@code head} are dropped and await compaction. */
    private final List<Stored> entries = new ArrayList<>();
    private int head;
    /** Index of {@code entries.get(head)}: the oldest retained entry. */
    private long firstIndex;

    private MemoryLog(String name, int maxMessageBytes, long retainEntries) {
        this.name = name;
        this.maxMessageBytes = maxMessageBytes;
        this.retainEntries = retainEntries;
    }

    /** The log called {@code name}, created with the default settings if it does not exist yet. */
    public static MemoryLog open(String name) {
        return open(name, null, null);
    }

    /**
     * The log called {@code name}, created with these settings if it does not exist yet.
     *
     * @param maxMessageBytes the largest message, or null for the existing log's (or the default) value
     * @param retainEntries   how many of the newest entries to keep, or null for the existing log's (or all)
     * @throws SpecException if the log exists with other settings than those given, or a setting is not positive
     */
    public static MemoryLog open(String name, Integer maxMessageBytes, Long retainEntries) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new SpecException("an in-memory log needs a name so its producers and consumers can meet;"
                    + " write memory:<name>");
        }
        if (maxMessageBytes != null && maxMessageBytes < 1 || retainEntries != null && retainEntries < 1) {
            throw new SpecException("in-memory log '" + name + "': maxMessageBytes and retainEntries must be"
                    + " positive, got " + maxMessageBytes + " and " + retainEntries);
        }
        MemoryLog log = NAMED.computeIfAbsent(name, n -> new MemoryLog(n,
                maxMessageBytes == null ? DEFAULT_MAX_MESSAGE_BYTES : maxMessageBytes,
                retainEntries == null ? RETAIN_ALL : retainEntries));
        if (maxMessageBytes != null && maxMessageBytes != log.maxMessageBytes
                || retainEntries != null && retainEntries != log.retainEntries) {
            throw new SpecException("in-memory log '" + name + "' already exists with maxMessageBytes="
                    + log.maxMessageBytes + " and retainEntries=" + log.describeRetention()
                    + "; open it with those values or without them, or use another name");
        }
        return log;
    }

    /** Forgets the log called {@code name}: the next open starts an empty one. Returns whether it existed. */
    public static boolean discard(String name) {
        return NAMED.remove(name) != null;
    }

    public String name() {
        return name;
    }

    public int maxMessageBytes() {
        return maxMessageBytes;
    }

    /** How many of the newest entries are kept; {@link #RETAIN_ALL} when all are. */
    public long retainEntries() {
        return retainEntries;
    }

    /** A new producer appending to this log. */
    public LogProducer newProducer() {
        return new MemoryLogProducer(this);
    }

    /** A new consumer, positioned at the log's start. */
    public LogConsumer newConsumer() {
        return new MemoryLogConsumer(this);
    }

    /** Appends {@code message} (kept as given, not copied) and returns its position. */
    MemoryPosition append(byte[] message) {
        if (message.length > maxMessageBytes) {
            throw LogException.fatal("a message of " + message.length + " bytes exceeds the limit of " + maxMessageBytes
                    + " bytes of in-memory log '" + name + "'; split it (codecs do) or open the log with a larger"
                    + " maxMessageBytes");
        }
        lock.lock();
        try {
            entries.add(new Stored(message, System.currentTimeMillis()));
            long index = firstIndex + (entries.size() - head) - 1;
            if (entries.size() - head > retainEntries) {
                entries.set(head++, null);
                firstIndex++;
                if (head > 1024 && head > entries.size() / 2) {
                    entries.subList(0, head).clear();
                    head = 0;
                }
            }
            appended.signalAll();
            return new MemoryPosition(name, index);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits up to {@code timeoutNanos} for entries at index {@code from} or later and returns them as fresh
     * arrays; {@code from < 0} means "from the oldest retained entry".
     *
     * @throws PositionExpiredException if entry {@code from} is no longer retained
     */
    List<LogEntry> read(long from, long timeoutNanos) throws InterruptedException {
        lock.lock();
        try {
            long deadline = System.nanoTime() + timeoutNanos;
            while (true) {
                long start = from < 0 ? firstIndex : from;
                if (start < firstIndex) {
                    throw expired(start - 1);
                }
                long end = endIndex();
                if (start < end) {
                    int n = (int) Math.min(MAX_ENTRIES_PER_POLL, end - start);
                    List<LogEntry> out = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        Stored stored = entries.get(head + (int) (start - firstIndex) + i);
                        out.add(new LogEntry(new MemoryPosition(name, start + i), stored.payload().clone(),
                                stored.timeMillis()));
                    }
                    return out;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return List.of();
                }
                appended.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Fails when a reader resuming after {@code index} would need an entry no longer retained. */
    void checkRetained(long index) {
        lock.lock();
        try {
            if (index + 1 < firstIndex) {
                throw expired(index);
            }
        } finally {
            lock.unlock();
        }
    }

    /** The newest entry's position, or null when the log holds none. */
    MemoryPosition newest() {
        lock.lock();
        try {
            return entries.size() == head ? null : new MemoryPosition(name, endIndex() - 1);
        } finally {
            lock.unlock();
        }
    }

    /** The oldest retained entry's position, or null when the log holds none. */
    MemoryPosition oldest() {
        lock.lock();
        try {
            return entries.size() == head ? null : new MemoryPosition(name, firstIndex);
        } finally {
            lock.unlock();
        }
    }

    /** How many entries retention dropped from the front: the index of the oldest one still held. */
    long expiredEntries() {
        lock.lock();
        try {
            return firstIndex;
        } finally {
            lock.unlock();
        }
    }

    /** The index the next append will get; call with the lock held. */
    private long endIndex() {
        return firstIndex + (entries.size() - head);
    }

    private PositionExpiredException expired(long wantedAfter) {
        boolean empty = entries.size() == head;
        return new PositionExpiredException(wantedAfter < 0 ? null : new MemoryPosition(name, wantedAfter),
                empty ? null : new MemoryPosition(name, firstIndex));
    }

    private String describeRetention() {
        return retainEntries == RETAIN_ALL ? "all" : Long.toString(retainEntries);
    }

    @Override
    public String toString() {
        return "in-memory log memory:" + name + " (maxMessageBytes=" + maxMessageBytes + ", retainEntries="
                + describeRetention() + ")";
    }
}
