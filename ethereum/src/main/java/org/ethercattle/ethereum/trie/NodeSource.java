package org.ethercattle.ethereum.trie;

import org.ethercattle.api.Database;

/**
 * Where a trie reader finds nodes by hash: geth's hash-scheme layout, in which every node whose RLP
 * is 32 bytes or longer (and every root) is stored under the keccak-256 of that RLP.
 *
 * <p>Implementations must be safe for concurrent use when the reader is shared between threads; a
 * {@link Database} is.
 */
@FunctionalInterface
public interface NodeSource {

    /**
     * Returns the RLP of the node stored under the 32-byte {@code hash}, or {@code null} when the
     * source does not hold it. The caller owns the returned array.
     */
    byte[] node(byte[] hash);

    /** Reads nodes straight from {@code database}: the key is the node hash, the value its RLP. */
    static NodeSource of(Database database) {
        return database::get;
    }
}
