package org.ethercattle.api.record;

import org.ethercattle.api.CattleException;
import org.ethercattle.api.log.Position;

/**
 * A log entry cannot be decoded: checksum mismatch, unknown version or kind, truncated body, or parts
 * that do not fit together. Replay stops at it; nothing after it is applied.
 */
public class CorruptRecordException extends CattleException {

    private final transient Position position;

    public CorruptRecordException(Position position, String problem) {
        super("corrupt record at " + position + ": " + problem
                + "; replay stopped before it and applied nothing after it. Inspect the log at this"
                + " position (cattle log inspect SPEC --from OFFSET) and restore the replica from a snapshot if the log is damaged");
        this.position = position;
    }

    /** Where the bad entry is. */
    public Position position() {
        return position;
    }
}
