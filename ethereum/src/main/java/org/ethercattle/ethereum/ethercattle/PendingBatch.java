package org.ethercattle.ethereum.ethercattle;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.ethercattle.api.log.Position;
import org.ethercattle.api.record.Op;

/** The fragments of one batch whose commit has not arrived yet, and what resuming or dropping it needs. */
final class PendingBatch {

    final UUID id;
    /** The entry decoded just before the first fragment: where a restarted consumer must resume. */
    final Position before;
    final Position first;
    final List<Op> ops = new ArrayList<>();
    private long bytes;
    private long lastEntryNumber;
    private long lastEntryTimeMillis;

    PendingBatch(UUID id, Position before, Position first) {
        this.id = id;
        this.before = before;
        this.first = first;
    }

    void add(Op op, long messageBytes, long entryNumber, long entryTimeMillis) {
        ops.add(op);
        bytes += messageBytes;
        lastEntryNumber = entryNumber;
        lastEntryTimeMillis = entryTimeMillis;
    }

    /** Message bytes held, counted against the decoder's pending cap. */
    long bytes() {
        return bytes;
    }

    long lastEntryNumber() {
        return lastEntryNumber;
    }

    /** Log time of the latest fragment, or -1 when the log keeps no times. */
    long lastEntryTimeMillis() {
        return lastEntryTimeMillis;
    }

    String describe() {
        return "batch " + id + " (" + ops.size() + " fragments, the first at " + first + ")";
    }
}
