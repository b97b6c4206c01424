package org.ethercattle.ethereum.state;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * One {@code storageProof} entry of {@code eth_getProof}: a slot, its value, and the storage trie
 * nodes that prove it (root first; empty when the account has no storage). Immutable: arrays are
 * copied in and out.
 *
 * @param key   the 32-byte slot as requested (not hashed)
 * @param value the slot's value as an unsigned integer, zero when unset
 * @param proof the RLP of each storage trie node on the path of keccak(key)
 */
public record StorageProof(byte[] key, BigInteger value, List<byte[]> proof) {

    /** Copies. */
    public StorageProof {
        key = Objects.requireNonNull(key, "key").clone();
        Objects.requireNonNull(value, "value");
        proof = proof.stream().map(byte[]::clone).toList();
    }

    /** The slot; a fresh copy. */
    @Override
    public byte[] key() {
        return key.clone();
    }

    /** The proof nodes, root first; fresh copies. */
    @Override
    public List<byte[]> proof() {
        return proof.stream().map(byte[]::clone).toList();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StorageProof that && Arrays.equals(key, that.key)
                && value.equals(that.value) && Nodes.equal(proof, that.proof);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(key), value, Nodes.hash(proof));
    }

    @Override
    public String toString() {
        return "StorageProof[key=0x" + HexFormat.of().formatHex(key) + ", value=" + value + ", proof="
                + proof.size() + " nodes]";
    }
}
