package org.ethercattle.core.status;

import java.time.Duration;
import java.util.Objects;

/**
 * When a caught-up replica counts as ready.
 *
 * @param maxLagRecords the most log entries that may wait to be applied; more makes the replica
 *                      {@link Readiness#LAGGING}. Not judged on logs that cannot count entries.
 * @param maxAge        how old the newest applied record (heartbeats included) may be before the replica
 *                      is {@link Readiness#STALE}; {@link Duration#ZERO} turns the age rule off (for
 *                      masters that emit no heartbeats)
 * @param waitsForStoreUpkeep whether a caught-up replica is {@link Readiness#SETTLING} while its store still
 *                      does upkeep deferred by bulk-load mode (reads much slower meanwhile); {@code false}
 *                      serves at once, for a replica that must, such as the only one
 */
public record ReadinessPolicy(long maxLagRecords, Duration maxAge, boolean waitsForStoreUpkeep) {

    /** 100 entries and 90 seconds: with masters heartbeating every 5 s, silence for 18 heartbeats is stale. */
    public static final ReadinessPolicy DEFAULT = new ReadinessPolicy(100, Duration.ofSeconds(90));

    /** A policy that waits for the store's deferred upkeep. */
    public ReadinessPolicy(long maxLagRecords, Duration maxAge) {
        this(maxLagRecords, maxAge, true);
    }

    public ReadinessPolicy {
        Objects.requireNonNull(maxAge, "maxAge");
        if (maxLagRecords < 0) {
            throw new IllegalArgumentException("max lag must not be negative, was " + maxLagRecords);
        }
        if (maxAge.isNegative()) {
            throw new IllegalArgumentException("max age must not be negative, was " + maxAge);
        }
    }

    /** Whether the age rule is on. */
    public boolean judgesAge() {
        return !maxAge.isZero();
    }
}
