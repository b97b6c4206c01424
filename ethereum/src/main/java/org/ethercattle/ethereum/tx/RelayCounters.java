package org.ethercattle.ethereum.tx;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What a {@link TxRelay} has done since it started, as plain counters the cli binds to its metrics registry
 * ({@code cattle_txrelay_*_total}). Each transaction read from the log ends in exactly one of {@link #submitted},
 * {@link #rejected} or {@link #expired}; {@link #retries} counts failed attempts that were tried again. Thread-safe.
 */
public final class RelayCounters {

    private final AtomicLong submitted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong expired = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();

    /** Transactions the node accepted (including those it already knew). */
    public long submitted() {
        return submitted.get();
    }

    /** Transactions the node refused with a JSON-RPC error (nonce too low, underpriced, ...); not retried. */
    public long rejected() {
        return rejected.get();
    }

    /** Transactions dropped because they were older than the relay's time to live. */
    public long expired() {
        return expired.get();
    }

    /** Attempts the node did not answer (down, timeout, HTTP error) and that were retried. */
    public long retries() {
        return retries.get();
    }

    void countSubmitted() {
        submitted.incrementAndGet();
    }

    void countRejected() {
        rejected.incrementAndGet();
    }

    void countExpired() {
        expired.incrementAndGet();
    }

    void countRetry() {
        retries.incrementAndGet();
    }

    @Override
    public String toString() {
        return submitted() + " submitted, " + rejected() + " rejected, " + expired() + " expired, " + retries()
                + " retries";
    }
}
