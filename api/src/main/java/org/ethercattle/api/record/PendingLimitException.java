package org.ethercattle.api.record;

import org.ethercattle.api.CattleException;
import org.ethercattle.api.log.Position;

/**
 * Incomplete records (chunks or batch fragments waiting for the rest) would need more memory than
 * the configured cap. Replay fails instead of growing without bound.
 */
public class PendingLimitException extends CattleException {

    public PendingLimitException(Position position, long pendingBytes, long limitBytes) {
        super("holding the entry at " + position + " would keep " + pendingBytes + " bytes of incomplete"
                + " records in memory, over the cap of " + limitBytes + " bytes; raise the replica's"
                + " max-pending-bytes setting if the master writes batches this large");
    }
}
