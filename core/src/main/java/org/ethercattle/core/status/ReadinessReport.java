package org.ethercattle.core.status;

import java.util.Objects;
import org.ethercattle.api.log.Position;

/**
 * A replica's readiness at one moment, with the numbers it was judged on. Immutable.
 *
 * @param readiness              the verdict
 * @param detail                 one sentence for people saying why (names the limit or the error)
 * @param position               the newest log position applied and committed, or {@code null} if none yet
 * @param logEnd                 the newest position in the log when last looked at, or {@code null} when the
 *                               log was empty
 * @param lagRecords             log entries after {@code position} up to {@code logEnd}, or {@code null} when
 *                               the log cannot count them
 * @param lagSeconds             seconds since the newest applied record's time (heartbeats included), or
 *                               {@code null} when no record with a time was applied yet
 * @param newestRecordTimeMillis the newest applied record's time (the master's clock), {@code -1} when unknown
 */
public record ReadinessReport(
        Readiness readiness,
        String detail,
        Position position,
        Position logEnd,
        Long lagRecords,
        Double lagSeconds,
        long newestRecordTimeMillis) {

    public ReadinessReport {
        Objects.requireNonNull(readiness, "readiness");
        Objects.requireNonNull(detail, "detail");
    }

    /** Whether traffic may be sent. */
    public boolean isReady() {
        return readiness.isReady();
    }
}
