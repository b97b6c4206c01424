package org.ethercattle.core.replay;

import java.util.UUID;
import org.ethercattle.api.CattleException;
import org.ethercattle.api.log.Position;

/**
 * A producer's record arrived with a sequence larger than the next one expected: records of that
 * producer are missing from the log. Replay stops before the record; nothing after it is applied.
 */
public class SequenceGapException extends CattleException {

    private final transient Position position;
    private final UUID producerId;
    private final long expected;
    private final long found;

    public SequenceGapException(Position position, UUID producerId, long expected, long found) {
        super("sequence gap at " + position + ": producer " + producerId + " wrote record " + found
                + " but the replica expected " + expected + " next, so records " + expected + ".." + (found - 1)
                + " are missing from the log (lost by the master's log or removed by retention); replay"
                + " stopped before it and applied nothing after it. Rebuild this replica from a snapshot taken"
                + " after the gap, or from the start of a log that holds every record");
        this.position = position;
        this.producerId = producerId;
        this.expected = expected;
        this.found = found;
    }

    /** Where the record that revealed the gap is. */
    public Position position() {
        return position;
    }

    public UUID producerId() {
        return producerId;
    }

    /** The sequence the replica expected (last applied + 1). */
    public long expected() {
        return expected;
    }

    /** The sequence the record carried. */
    public long found() {
        return found;
    }
}
