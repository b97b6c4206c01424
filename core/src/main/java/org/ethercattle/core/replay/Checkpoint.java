package org.ethercattle.core.replay;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.ethercattle.api.Database;
import org.ethercattle.api.ReservedKeys;

/**
 * A replica's replay progress for one stream, stored in the replica's own store under
 * {@link #key(String)} in the same atomic batch as the data it covers. Binary layout:
 * {@link CheckpointCodec}; explained in {@code docs/replay.md}.
 *
 * @param resumeAfter          bytes of the position to resume after (the decoder's resume point:
 *                             never past the first part of an incomplete record), or {@code null} to
 *                             resume from the log's start
 * @param lastPosition         bytes of the newest position fully processed, or {@code null}; at or
 *                             after {@code resumeAfter}
 * @param lastRecordTimeMillis producer time of the newest record applied, heartbeats included;
 *                             {@code -1} if unknown
 * @param producers            per producer, the newest applied sequence; iteration order is the order
 *                             they are stored in. Copied, unmodifiable.
 * @param completeHistory      whether the replica has seen every record of the stream from its first
 *                             entry on and forgotten none of its producers, so that a producer it does
 *                             not know must start at sequence 0 (anything else means records were lost);
 *                             false after a start from a seeded offset, an Ether Cattle offset key, or a
 *                             checkpoint written before this was kept (format version 1)
 */
public record Checkpoint(
        byte[] resumeAfter,
        byte[] lastPosition,
        long lastRecordTimeMillis,
        Map<UUID, ProducerProgress> producers,
        boolean completeHistory) {

    public Checkpoint {
        producers = Collections.unmodifiableMap(new LinkedHashMap<>(producers));
    }

    /** A checkpoint that does not claim a complete history (as format version 1 stored them). */
    public Checkpoint(byte[] resumeAfter, byte[] lastPosition, long lastRecordTimeMillis,
            Map<UUID, ProducerProgress> producers) {
        this(resumeAfter, lastPosition, lastRecordTimeMillis, producers, false);
    }

    /** The reserved key holding the checkpoint of the stream {@code streamId}. */
    public static byte[] key(String streamId) {
        return ReservedKeys.key("checkpoint/" + streamId);
    }

    /**
     * Reads the checkpoint of {@code streamId} from {@code store}; empty when the store has never
     * replayed that stream.
     *
     * @throws org.ethercattle.api.StoreException if the stored checkpoint is unreadable
     */
    public static Optional<Checkpoint> read(Database store, String streamId) {
        byte[] bytes = store.get(key(streamId));
        return bytes == null ? Optional.empty() : Optional.of(CheckpointCodec.decode(bytes, streamId));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Checkpoint other
                && Arrays.equals(resumeAfter, other.resumeAfter)
                && Arrays.equals(lastPosition, other.lastPosition)
                && lastRecordTimeMillis == other.lastRecordTimeMillis
                && producers.equals(other.producers)
                && completeHistory == other.completeHistory;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(resumeAfter) + Arrays.hashCode(lastPosition)) + producers.hashCode();
    }

    @Override
    public String toString() {
        return "Checkpoint{resumeAfter=" + (resumeAfter == null ? "start" : resumeAfter.length + " B")
                + ", producers=" + producers.size() + ", lastRecordTime=" + lastRecordTimeMillis
                + ", completeHistory=" + completeHistory + "}";
    }
}
