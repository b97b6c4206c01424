package org.ethercattle.log.file;

import java.nio.ByteBuffer;
import org.ethercattle.api.log.Position;

/**
 * Where an entry sits in a file log: its global index, counted from 0 at the first entry ever appended
 * and dense (every index up to the newest entry was assigned to exactly one entry).
 *
 * <p>Immutable. {@link #toBytes()} is 8 bytes, the index big-endian; {@link #toString()} is
 * {@code file:<index>}. Positions order by index; comparing with a position of another log kind throws
 * {@link IllegalArgumentException}.
 *
 * @param index the entry's index, never negative
 */
public record FilePosition(long index) implements Position {

    /** Length of {@link #toBytes()}. */
    public static final int BYTES = Long.BYTES;

    public FilePosition {
        if (index < 0) {
            throw new IllegalArgumentException("a file log position is a non-negative entry index, got " + index);
        }
    }

    /**
     * Reads the form {@link #toBytes()} wrote.
     *
     * @throws IllegalArgumentException when {@code bytes} is not 8 bytes holding a non-negative index
     *                                  (typically a position saved from another kind of log)
     */
    public static FilePosition fromBytes(byte[] bytes) {
        if (bytes == null || bytes.length != BYTES) {
            throw new IllegalArgumentException("a file log position is " + BYTES + " bytes, got "
                    + (bytes == null ? "null" : bytes.length + " bytes")
                    + "; was this position saved from another kind of log?");
        }
        long index = ByteBuffer.wrap(bytes).getLong();
        if (index < 0) {
            throw new IllegalArgumentException("bytes hold a negative entry index " + index
                    + "; was this position saved from another kind of log?");
        }
        return new FilePosition(index);
    }

    @Override
    public byte[] toBytes() {
        return ByteBuffer.allocate(BYTES).putLong(index).array();
    }

    @Override
    public int compareTo(Position other) {
        if (!(other instanceof FilePosition that)) {
            throw new IllegalArgumentException("cannot order " + this + " against " + other
                    + ": positions of different log kinds are not comparable");
        }
        return Long.compare(index, that.index);
    }

    @Override
    public String toString() {
        return "file:" + index;
    }
}
