package org.ethercattle.log.kafka;

import java.nio.ByteBuffer;
import java.util.Objects;
import org.ethercattle.api.log.Position;

/**
 * Where an entry sits in a Kafka log: its offset in the topic's single partition.
 *
 * <p>Immutable. {@link #toBytes()} is the offset as 8 bytes big-endian (the topic is not stored: a
 * replica's checkpoint is already keyed by the stream id, which is the topic); {@link #toString()} is
 * {@code kafka:<topic>@<offset>}. Positions order by offset; ordering positions of two different topics,
 * or a position of another log kind, throws {@link IllegalArgumentException}.
 *
 * @param topic  the topic the offset belongs to
 * @param offset the entry's offset, never negative
 */
public record KafkaPosition(String topic, long offset) implements Position {

    /** Length of {@link #toBytes()}. */
    public static final int BYTES = Long.BYTES;

    public KafkaPosition {
        Objects.requireNonNull(topic, "topic");
        if (offset < 0) {
            throw new IllegalArgumentException("a Kafka offset is never negative, got " + offset);
        }
    }

    /**
     * Reads the form {@link #toBytes()} wrote.
     *
     * @throws IllegalArgumentException when {@code bytes} is not 8 bytes holding a non-negative offset
     *                                  (typically a position saved from another kind of log)
     */
    public static KafkaPosition fromBytes(String topic, byte[] bytes) {
        if (bytes == null || bytes.length != BYTES) {
            throw new IllegalArgumentException("a Kafka position is " + BYTES + " bytes, got "
                    + (bytes == null ? "null" : bytes.length + " bytes")
                    + "; was this position saved from another kind of log?");
        }
        long offset = ByteBuffer.wrap(bytes).getLong();
        if (offset < 0) {
            throw new IllegalArgumentException("bytes hold a negative offset " + offset
                    + "; was this position saved from another kind of log?");
        }
        return new KafkaPosition(topic, offset);
    }

    @Override
    public byte[] toBytes() {
        return ByteBuffer.allocate(BYTES).putLong(offset).array();
    }

    @Override
    public int compareTo(Position other) {
        if (!(other instanceof KafkaPosition that)) {
            throw new IllegalArgumentException("cannot order " + this + " against " + other
                    + ": positions of different log kinds are not comparable");
        }
        if (!topic.equals(that.topic)) {
            throw new IllegalArgumentException("cannot order " + this + " against " + other
                    + ": offsets of different topics are not comparable");
        }
        return Long.compare(offset, that.offset);
    }

    @Override
    public String toString() {
        return "kafka:" + topic + "@" + offset;
    }
}
