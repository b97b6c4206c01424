package org.ethercattle.core.memory;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.log.LogEntry;
import org.ethercattle.api.log.LogException;
import org.ethercattle.api.log.Position;

/** Reads a {@link MemoryLog}; see {@link LogConsumer} for the contract. Not thread-safe. */
final class MemoryLogConsumer implements LogConsumer {

    /** Marks "the oldest retained entry, whichever that is when the next poll runs". */
    private static final long FROM_START = -1;

    private final MemoryLog log;
    private long next = FROM_START;
    private boolean closed;

    MemoryLogConsumer(MemoryLog log) {
        this.log = log;
    }

    @Override
    public String streamId() {
        return log.name();
    }

    @Override
    public void seek(Position position) {
        ensureOpen();
        long index = own(position).index();
        log.checkRetained(index);
        next = index + 1;
    }

    @Override
    public void seekToStart() {
        ensureOpen();
        next = FROM_START;
    }

    @Override
    public List<LogEntry> poll(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        ensureOpen();
        try {
            List<LogEntry> entries = log.read(next, Math.max(0, timeout.toNanos()));
            if (!entries.isEmpty()) {
                next = ((MemoryPosition) entries.get(entries.size() - 1).position()).index() + 1;
            }
            return entries;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    @Override
    public Optional<Position> endPosition() {
        ensureOpen();
        return Optional.ofNullable(log.newest());
    }

    @Override
    public Optional<Position> startPosition() {
        ensureOpen();
        return Optional.ofNullable(log.oldest());
    }

    @Override
    public OptionalLong expiredEntries() {
        ensureOpen();
        return OptionalLong.of(log.expiredEntries());
    }

    @Override
    public Position positionFromBytes(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length != MemoryPosition.BYTES) {
            throw new IllegalArgumentException("a memory log position is " + MemoryPosition.BYTES + " bytes, not "
                    + bytes.length + "; the checkpoint was written for another kind of log");
        }
        return new MemoryPosition(log.name(), ByteBuffer.wrap(bytes).getLong());
    }

    @Override
    public OptionalLong entriesBetween(Position from, Position to) {
        long between = own(to).index() - own(from).index();
        return OptionalLong.of(Math.max(0, between));
    }

    /** Memory log indexes are dense offsets: the entry with index {@code offset}. */
    @Override
    public Optional<Position> positionAt(long offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("memory log offsets start at 0, not " + offset);
        }
        return Optional.of(new MemoryPosition(log.name(), offset));
    }

    @Override
    public void close() {
        closed = true;
    }

    private MemoryPosition own(Position position) {
        Objects.requireNonNull(position, "position");
        if (!(position instanceof MemoryPosition memory) || !memory.log().equals(log.name())) {
            throw new IllegalArgumentException("position " + position + " does not belong to " + log);
        }
        return memory;
    }

    private void ensureOpen() {
        if (closed) {
            throw LogException.fatal("consumer of " + log + " is closed; open a new one");
        }
    }
}
