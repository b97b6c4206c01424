package org.ethercattle.api.log;

/**
 * Where an entry sits in one log: a Kafka offset, a Pulsar message id, a JetStream sequence, a file
 * log's record number. Opaque to everything but the log that made it.
 *
 * <ul>
 *   <li>Immutable and thread-safe; {@code equals} and {@code hashCode} compare positions of one log.</li>
 *   <li>Ordered within one log by {@link #compareTo}; comparing positions of different log kinds
 *       throws {@link IllegalArgumentException}.</li>
 *   <li>{@link #toBytes()} is stable across releases: {@link LogConsumer#positionFromBytes(byte[])}
 *       of the same log kind turns it back into an equal position. Checkpoints store these bytes.</li>
 *   <li>{@code toString()} is for people: the log kind and its native coordinates, e.g.
 *       {@code file:42} or {@code kafka:mainnet-cdc@1042}.</li>
 * </ul>
 */
public interface Position extends Comparable<Position> {

    /** The position's stable serialized form. */
    byte[] toBytes();
}
