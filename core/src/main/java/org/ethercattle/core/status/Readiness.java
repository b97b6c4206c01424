package org.ethercattle.core.status;

import java.util.Locale;

/**
 * Whether a replica should receive read traffic, and if not, why. Only {@link #READY} is ready; the
 * others are the reasons a load balancer is told to keep traffic away.
 */
public enum Readiness {

    /** Still replaying the backlog that was in the log when the replica started; never ready before it is done. */
    SYNCING,
    /** Caught up: within the lag limit, and the newest record (heartbeats count) is younger than the age limit. */
    READY,
    /** More log entries than the lag limit are waiting to be applied. */
    LAGGING,
    /**
     * The newest applied record, heartbeats included, is older than the age limit: every master is silent
     * (stopped, or cut off from the log), or this replica cannot read the log.
     */
    STALE,
    /**
     * Caught up, but the store is still doing upkeep its bulk-load mode deferred during the catch-up
     * ({@link org.ethercattle.api.BulkLoadable#deferredUpkeepPending()}; RocksDB merging the level-0 files
     * of a long catch-up): reads would be much slower than usual. Ends by itself.
     */
    SETTLING,
    /** Replay stopped on a fatal error (corrupt record, sequence gap, expired position, store error). */
    FAILED,
    /**
     * A check of the store's files while the replica runs ({@code cattle replica --scrub-every}) found damage:
     * a read may return it. Lasts until the process restarts on a repaired or replaced store.
     */
    STORE_DAMAGED;

    /** Whether traffic may be sent. */
    public boolean isReady() {
        return this == READY;
    }

    /** The lower-case name used in HTTP answers and logs: {@code ready}, {@code syncing}, {@code store-damaged}, ... */
    public String reason() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
