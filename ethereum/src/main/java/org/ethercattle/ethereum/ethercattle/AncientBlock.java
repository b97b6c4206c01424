package org.ethercattle.ethereum.ethercattle;

import java.util.Arrays;
import java.util.Objects;

/**
 * One block as go-ethereum moves it into its freezer ("ancient" store): what the original master's
 * {@code AppendAncient} carries. Every blob is opaque (go-ethereum's own encodings). The arrays are owned
 * by the record once constructed: callers must not change them.
 *
 * @param number   the block number (an unsigned 64-bit value)
 * @param hash     the block hash
 * @param header   the RLP header
 * @param body     the RLP body
 * @param receipts the RLP receipts
 * @param td       the RLP total difficulty
 */
public record AncientBlock(long number, byte[] hash, byte[] header, byte[] body, byte[] receipts, byte[] td) {

    public AncientBlock {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(receipts, "receipts");
        Objects.requireNonNull(td, "td");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AncientBlock other
                && number == other.number
                && Arrays.equals(hash, other.hash)
                && Arrays.equals(header, other.header)
                && Arrays.equals(body, other.body)
                && Arrays.equals(receipts, other.receipts)
                && Arrays.equals(td, other.td);
    }

    @Override
    public int hashCode() {
        return Objects.hash(number, Arrays.hashCode(hash), Arrays.hashCode(header), Arrays.hashCode(body),
                Arrays.hashCode(receipts), Arrays.hashCode(td));
    }

    @Override
    public String toString() {
        return "AncientBlock{" + Long.toUnsignedString(number) + "}";
    }
}
