package org.ethercattle.ethereum.eth;

import org.ethercattle.ethereum.rawdb.HashCache;
import org.ethercattle.ethereum.types.Transaction;

/**
 * Transaction senders, recovered once and remembered. A sender is not stored on chain: it is recovered from the
 * signature (secp256k1 public key recovery, 150-250 microseconds in BouncyCastle), which would dominate every
 * full-transaction block and every receipt request; geth caches it on the transaction for the same reason. A
 * sender is a pure function of the transaction's bytes, so entries never go stale; the cache is bounded in
 * entries and forgets the least recently used. Thread-safe.
 */
public final class Senders {

    /** Entries kept by default: about 15 MB for the transactions of the last few thousand mainnet blocks. */
    public static final int DEFAULT_CAPACITY = 100_000;

    private final HashCache<byte[]> recent;

    /** A cache of at most {@code capacity} senders. */
    public Senders(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("sender cache capacity must be positive, was " + capacity);
        }
        this.recent = HashCache.ofEntries(capacity);
    }

    /** The sender of {@code tx} (20 bytes; the caller must not modify it). */
    public byte[] of(Transaction tx) {
        byte[] known = recent.get(tx.hash());
        // Recovered outside any lock: two threads may both recover one sender, which is harmless.
        return known != null ? known : recent.put(tx.hash(), tx.sender());
    }
}
