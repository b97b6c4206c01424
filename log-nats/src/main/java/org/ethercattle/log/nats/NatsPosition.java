package org.ethercattle.log.nats;

import java.nio.ByteBuffer;
import java.util.Objects;
import org.ethercattle.api.log.Position;

/**
 * The place of an entry in a JetStream stream: its stream sequence (1 for the first message ever stored,
 * +1 per stored message; retention does not renumber). Serialized as the 8-byte big-endian sequence.
 *
 * @param stream   the stream's name
 * @param sequence the stream sequence, {@code >= 1}
 */
public record NatsPosition(String stream, long sequence) implements Position {

    /** Length of {@link #toBytes()}. */
    static final int BYTES = Long.BYTES;

    public NatsPosition {
        Objects.requireNonNull(stream, "stream");
        if (sequence < 1) {
            throw new IllegalArgumentException("JetStream stream sequences start at 1, not " + sequence);
        }
    }

    @Override
    public byte[] toBytes() {
        return ByteBuffer.allocate(BYTES).putLong(sequence).array();
    }

    /**
     * Orders positions of one stream by sequence.
     *
     * @throws IllegalArgumentException for a position of another log kind or another stream
     */
    @Override
    public int compareTo(Position other) {
        if (!(other instanceof NatsPosition that) || !that.stream.equals(stream)) {
            throw new IllegalArgumentException("cannot order " + this + " against " + other
                    + ": positions compare only within one stream");
        }
        return Long.compare(sequence, that.sequence);
    }

    /** {@code nats:<stream>@<sequence>}. */
    @Override
    public String toString() {
        return "nats:" + stream + "@" + sequence;
    }
}
