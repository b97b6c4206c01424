package org.ethercattle.core.replay;

import org.ethercattle.api.log.Position;

/**
 * What a {@link Replayer} has committed to its store so far in this run; an immutable snapshot, safe to
 * read from any thread. Counters cover committed work only: a record sitting in a group-commit batch
 * that is not written yet is not counted.
 *
 * @param recordsApplied       batch records applied (heartbeats and skipped duplicates not counted)
 * @param opsApplied           puts and deletes applied (ops dropped by the head guard not counted)
 * @param bytesApplied         key plus value bytes of the ops applied
 * @param lastPosition         the newest log position whose entry is fully processed and committed, or
 *                             {@code null} when none is yet (restored from the checkpoint on restart)
 * @param lastRecordTimeMillis producer time of the newest record committed, heartbeats included (the
 *                             log's time when the record carries none); {@code -1} when unknown
 * @param failure              the error that stopped replay, or {@code null} while it has not failed
 */
public record ReplayStats(
        long recordsApplied,
        long opsApplied,
        long bytesApplied,
        Position lastPosition,
        long lastRecordTimeMillis,
        Throwable failure) {

    /** Whether replay stopped on an error. */
    public boolean failed() {
        return failure != null;
    }
}
