package org.ethercattle.ethereum.rpc;

/**
 * A decoded {@code rpc.BlockNumberOrHash} (EIP-1898): a block named by number or tag, or by hash.
 *
 * <p>At most one of {@code number} and {@code hash} is set. Both are null when the client sent JSON
 * {@code null} or an object naming neither ({@code {}}) for a required parameter: geth accepts that at
 * decoding and leaves the method to reject it (its ethapi answers "invalid arguments; neither block nor
 * hash specified").
 *
 * @param number the block number or tag, or null
 * @param hash the 32-byte block hash (owned by this record; do not modify), or null
 * @param requireCanonical with a hash: whether the block must be on the canonical chain
 */
public record BlockNumberOrHash(BlockNumber number, byte[] hash, boolean requireCanonical) {

    /** Checks that not both are set and that a hash has 32 bytes. */
    public BlockNumberOrHash {
        if (number != null && hash != null) {
            throw new IllegalArgumentException("a block is named by number or by hash, not both");
        }
        if (hash != null && hash.length != 32) {
            throw new IllegalArgumentException("a block hash has 32 bytes, not " + hash.length);
        }
    }
}
