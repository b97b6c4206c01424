package org.ethercattle.ethereum.tx;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link TxRelay} paces itself.
 *
 * @param ttl a transaction older than this (by the time the log accepted it) is dropped instead of submitted: a
 *     client that got no receipt by then has resent it or given up, and a stale transaction may no longer be wanted
 * @param pollTimeout how long one poll of the log waits for new transactions
 * @param firstRetryDelay the wait after the first failed attempt; it doubles with each further failure
 * @param maxRetryDelay the longest wait between attempts
 */
public record RelaySettings(Duration ttl, Duration pollTimeout, Duration firstRetryDelay, Duration maxRetryDelay) {

    /** Ten minutes' TTL, one-second polls, retries from 100 ms doubling up to 10 s. */
    public static final RelaySettings DEFAULTS = new RelaySettings(Duration.ofMinutes(10), Duration.ofSeconds(1),
            Duration.ofMillis(100), Duration.ofSeconds(10));

    /** Checks every duration is positive and the retry delays ordered. */
    public RelaySettings {
        for (Duration d : new Duration[] {ttl, pollTimeout, firstRetryDelay, maxRetryDelay}) {
            Objects.requireNonNull(d, "duration");
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("relay durations must be positive: ttl " + ttl + ", poll "
                        + pollTimeout + ", retry " + firstRetryDelay + ".." + maxRetryDelay);
            }
        }
        if (firstRetryDelay.compareTo(maxRetryDelay) > 0) {
            throw new IllegalArgumentException("the first retry delay " + firstRetryDelay
                    + " is longer than the longest " + maxRetryDelay);
        }
    }

    /** These settings with another TTL. */
    public RelaySettings withTtl(Duration newTtl) {
        return new RelaySettings(newTtl, pollTimeout, firstRetryDelay, maxRetryDelay);
    }
}
