package org.ethercattle.ethereum.state;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Everything {@code eth_getProof} answers for one account, with geth's values: for an account the
 * state lacks, the balance and nonce are zero and the code hash and storage hash are 32 zero bytes
 * (not the empty hashes), while {@code accountProof} still proves the absence. Immutable: arrays are
 * copied in and out.
 *
 * @param address      the 20-byte address
 * @param accountProof the RLP of each state trie node on the path of keccak(address), root first
 * @param balance      the balance in wei
 * @param codeHash     the 32-byte code hash
 * @param nonce        the nonce
 * @param storageHash  the 32-byte storage root
 * @param storageProof one entry per requested slot, in request order
 */
public record AccountProof(byte[] address, List<byte[]> accountProof, BigInteger balance, byte[] codeHash,
        long nonce, byte[] storageHash, List<StorageProof> storageProof) {

    /** Copies. */
    public AccountProof {
        address = Objects.requireNonNull(address, "address").clone();
        accountProof = accountProof.stream().map(byte[]::clone).toList();
        Objects.requireNonNull(balance, "balance");
        codeHash = Objects.requireNonNull(codeHash, "codeHash").clone();
        storageHash = Objects.requireNonNull(storageHash, "storageHash").clone();
        storageProof = List.copyOf(storageProof);
    }

    /** The address; a fresh copy. */
    @Override
    public byte[] address() {
        return address.clone();
    }

    /** The account proof nodes, root first; fresh copies. */
    @Override
    public List<byte[]> accountProof() {
        return accountProof.stream().map(byte[]::clone).toList();
    }

    /** The code hash; a fresh copy. */
    @Override
    public byte[] codeHash() {
        return codeHash.clone();
    }

    /** The storage root; a fresh copy. */
    @Override
    public byte[] storageHash() {
        return storageHash.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AccountProof that && Arrays.equals(address, that.address)
                && Nodes.equal(accountProof, that.accountProof) && balance.equals(that.balance)
                && Arrays.equals(codeHash, that.codeHash) && nonce == that.nonce
                && Arrays.equals(storageHash, that.storageHash) && storageProof.equals(that.storageProof);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(address), Nodes.hash(accountProof), balance, Arrays.hashCode(codeHash),
                nonce, Arrays.hashCode(storageHash), storageProof);
    }

    @Override
    public String toString() {
        return "AccountProof[address=0x" + HexFormat.of().formatHex(address) + ", balance=" + balance + ", nonce="
                + nonce + ", proof=" + accountProof.size() + " nodes, storageProof=" + storageProof + "]";
    }
}
