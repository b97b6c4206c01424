package org.ethercattle.ethereum.follow;

/**
 * A bound on how often requests go to a node: at most {@code perSecond} requests in any second, spaced evenly,
 * so a follower catching up from block 0 does not flood a shared node. Thread-safe: concurrent callers are
 * spaced against each other.
 */
public final class RequestRate {

    private final long intervalNanos;
    private long next;

    private RequestRate(long intervalNanos) {
        this.intervalNanos = intervalNanos;
        this.next = System.nanoTime();
    }

    /**
     * At most {@code perSecond} requests a second.
     *
     * @throws IllegalArgumentException if {@code perSecond} is not positive
     */
    public static RequestRate perSecond(double perSecond) {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("request rate must be positive (requests per second), got "
                    + perSecond + "; use RequestRate.unbounded() for no bound");
        }
        return new RequestRate((long) (1_000_000_000L / perSecond));
    }

    /** No bound: {@link #acquire} never waits. */
    public static RequestRate unbounded() {
        return new RequestRate(0);
    }

    /**
     * Waits until the next request may go.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    public void acquire() throws InterruptedException {
        if (intervalNanos == 0) {
            return;
        }
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            // A slot not used is not saved up: after idling, the next request goes at once but no burst follows.
            long slot = Math.max(next, now);
            next = slot + intervalNanos;
            wait = slot - now;
        }
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }
}
