package org.ethercattle.core.memory;

import java.nio.ByteBuffer;
import java.util.Objects;
import org.ethercattle.api.log.Position;

/**
 * The place of an entry in a {@link MemoryLog}: its index, counted from 0 since the log was created
 * (retention does not renumber). Serialized as the 8-byte big-endian index.
 *
 * @param log   the log's name
 * @param index the entry's index, {@code >= 0}
 */
public record MemoryPosition(String log, long index) implements Position {

    /** Length of {@link #toBytes()}. */
    static final int BYTES = Long.BYTES;

    public MemoryPosition {
        Objects.requireNonNull(log, "log");
        if (index < 0) {
            throw new IllegalArgumentException("memory log index " + index + " is negative");
        }
    }

    @Override
    public byte[] toBytes() {
        return ByteBuffer.allocate(BYTES).putLong(index).array();
    }

    /**
     * Orders positions of one memory log by index.
     *
     * @throws IllegalArgumentException for a position of another log kind or another memory log
     */
    @Override
    public int compareTo(Position other) {
        if (!(other instanceof MemoryPosition that) || !that.log.equals(log)) {
            throw new IllegalArgumentException("cannot order " + this + " against " + other
                    + ": positions compare only within one log");
        }
        return Long.compare(index, that.index);
    }

    @Override
    public String toString() {
        return "memory:" + log + "@" + index;
    }
}
