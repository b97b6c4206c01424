package org.ethercattle.api.record;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One entry of the change log as a master produced it: an atomic batch of ops, or a heartbeat.
 *
 * <p>A record is the unit of atomicity on the replica: its ops are applied together or not at all,
 * whatever the number of log messages it travelled in.
 *
 * @param producerId  the producer (master process) that wrote it; {@code null} when the wire format
 *                    carries none (the Ether Cattle compatibility format)
 * @param sequence    the producer's sequence number, starting at 0 and growing by one per record
 *                    (heartbeats included); {@link #NO_SEQUENCE} when the wire format carries none
 * @param timeMillis  when the producer made it, in Unix milliseconds; {@link #NO_TIME} if unknown
 * @param kind        batch or heartbeat
 * @param ops         the writes, in order; empty for a heartbeat. The list is not copied.
 */
public record ChangeRecord(UUID producerId, long sequence, long timeMillis, Kind kind, List<Op> ops) {

    /** Sequence of a record whose wire format carries none. */
    public static final long NO_SEQUENCE = -1;

    /** Time of a record whose wire format carries none. */
    public static final long NO_TIME = -1;

    /** What a record is. */
    public enum Kind {
        /** Ops to apply atomically. A single put or delete is a batch of one. */
        BATCH,
        /** No ops: proof that the producer is alive, so an idle master is told from a dead one. */
        HEARTBEAT
    }

    public ChangeRecord {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(ops, "ops");
        if (kind == Kind.HEARTBEAT && !ops.isEmpty()) {
            throw new IllegalArgumentException("a heartbeat carries no ops");
        }
        if (sequence < NO_SEQUENCE) {
            throw new IllegalArgumentException("sequence " + sequence + " is negative");
        }
    }

    public static ChangeRecord batch(UUID producerId, long sequence, long timeMillis, List<Op> ops) {
        return new ChangeRecord(producerId, sequence, timeMillis, Kind.BATCH, ops);
    }

    public static ChangeRecord heartbeat(UUID producerId, long sequence, long timeMillis) {
        return new ChangeRecord(producerId, sequence, timeMillis, Kind.HEARTBEAT, List.of());
    }

    /** Whether the wire format carried a producer sequence, so gaps can be detected. */
    public boolean isSequenced() {
        return producerId != null && sequence != NO_SEQUENCE;
    }

    /** Sum of key and value bytes over all ops. */
    public long byteSize() {
        long size = 0;
        for (Op op : ops) {
            size += op.byteSize();
        }
        return size;
    }

    @Override
    public String toString() {
        return kind + "{producer=" + producerId + ", seq=" + sequence + ", ops=" + ops.size() + "}";
    }
}
