package org.ethercattle.ethereum.follow;

import java.time.Duration;

/**
 * How a {@link NodeClient} retries a node that cannot be reached (connection refused, timeout, HTTP 5xx or 429):
 * waits starting at {@code initialBackoff}, doubling up to {@code maxBackoff}, for at most {@code giveUpAfter}
 * in total. A node that answers with a JSON-RPC error is not retried: the answer is the answer.
 *
 * @param initialBackoff the first wait
 * @param maxBackoff the longest single wait
 * @param giveUpAfter how long a node may stay unreachable before the call fails
 */
public record RetryPolicy(Duration initialBackoff, Duration maxBackoff, Duration giveUpAfter) {

    /** A follower's default: from 200 ms up to 10 s between tries, for up to an hour. */
    public static final RetryPolicy FOLLOWER = new RetryPolicy(Duration.ofMillis(200), Duration.ofSeconds(10),
            Duration.ofHours(1));

    /** Checks the durations. */
    public RetryPolicy {
        if (initialBackoff.isNegative() || initialBackoff.isZero() || maxBackoff.compareTo(initialBackoff) < 0
                || giveUpAfter.isNegative()) {
            throw new IllegalArgumentException("retry policy needs 0 < initialBackoff <= maxBackoff and "
                    + "giveUpAfter >= 0, got " + initialBackoff + ", " + maxBackoff + ", " + giveUpAfter);
        }
    }

    /** Tries once: no retry at all. */
    public static RetryPolicy none() {
        return new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(1), Duration.ZERO);
    }
}
