package org.ethercattle.ethereum.state;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.ethercattle.ethereum.trie.TrieNodes;
import org.web3j.rlp.RlpDecoder;
import org.web3j.rlp.RlpEncoder;
import org.web3j.rlp.RlpList;
import org.web3j.rlp.RlpString;
import org.web3j.rlp.RlpType;

/**
 * An account as the state trie holds it: RLP {@code [nonce, balance, storageRoot, codeHash]}, keyed
 * by keccak of the address. Immutable: the hashes are copied in and out.
 *
 * @param nonce       the number of transactions sent (or contracts created), never negative
 * @param balance     the balance in wei, never negative
 * @param storageRoot the 32-byte root of the account's storage trie ({@link #emptyRoot()} when none)
 * @param codeHash    the 32-byte keccak of the account's code ({@link #emptyCodeHash()} when none)
 */
public record Account(long nonce, BigInteger balance, byte[] storageRoot, byte[] codeHash) {

    /** keccak256(""): the code hash of an account without code. */
    public static final String EMPTY_CODE_HASH_HEX = "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470";

    /** Validates and copies. */
    public Account {
        if (nonce < 0) {
            throw new IllegalArgumentException("account nonce must not be negative, got " + nonce);
        }
        Objects.requireNonNull(balance, "balance");
        if (balance.signum() < 0) {
            throw new IllegalArgumentException("account balance must not be negative, got " + balance);
        }
        storageRoot = hash32(storageRoot, "storageRoot");
        codeHash = hash32(codeHash, "codeHash");
    }

    /** An account with no storage and no code. */
    public static Account of(long nonce, BigInteger balance) {
        return new Account(nonce, balance, emptyRoot(), emptyCodeHash());
    }

    /** The storage root; a fresh copy. */
    @Override
    public byte[] storageRoot() {
        return storageRoot.clone();
    }

    /** The code hash; a fresh copy. */
    @Override
    public byte[] codeHash() {
        return codeHash.clone();
    }

    /** Whether the account has code, i.e. its code hash is not the empty one. */
    public boolean hasCode() {
        return !Arrays.equals(codeHash, emptyCodeHash());
    }

    /** The RLP the state trie stores: {@code [nonce, balance, storageRoot, codeHash]}. */
    public byte[] toRlp() {
        return RlpEncoder.encode(new RlpList(RlpString.create(nonce), RlpString.create(balance),
                RlpString.create(storageRoot), RlpString.create(codeHash)));
    }

    /**
     * Decodes a state trie value.
     *
     * @throws IllegalArgumentException when {@code rlp} is not a 4-item account list
     */
    public static Account fromRlp(byte[] rlp) {
        List<RlpType> items;
        try {
            items = ((RlpList) RlpDecoder.decode(rlp).getValues().get(0)).getValues();
        } catch (RuntimeException malformed) {
            throw notAnAccount(rlp, malformed);
        }
        if (items.size() != 4 || !items.stream().allMatch(RlpString.class::isInstance)) {
            throw notAnAccount(rlp, null);
        }
        try {
            return new Account(((RlpString) items.get(0)).asPositiveBigInteger().longValueExact(),
                    ((RlpString) items.get(1)).asPositiveBigInteger(),
                    ((RlpString) items.get(2)).getBytes(),
                    ((RlpString) items.get(3)).getBytes());
        } catch (ArithmeticException | IllegalArgumentException invalid) {
            throw notAnAccount(rlp, invalid);
        }
    }

    /** The empty storage root, keccak256(rlp("")); a fresh copy. */
    public static byte[] emptyRoot() {
        return TrieNodes.emptyRoot();
    }

    /** The empty code hash; a fresh copy. */
    public static byte[] emptyCodeHash() {
        return HexFormat.of().parseHex(EMPTY_CODE_HASH_HEX);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Account that && nonce == that.nonce && balance.equals(that.balance)
                && Arrays.equals(storageRoot, that.storageRoot) && Arrays.equals(codeHash, that.codeHash);
    }

    @Override
    public int hashCode() {
        return Objects.hash(nonce, balance, Arrays.hashCode(storageRoot), Arrays.hashCode(codeHash));
    }

    @Override
    public String toString() {
        return "Account[nonce=" + nonce + ", balance=" + balance + ", storageRoot=0x"
                + HexFormat.of().formatHex(storageRoot) + ", codeHash=0x" + HexFormat.of().formatHex(codeHash) + "]";
    }

    private static byte[] hash32(byte[] hash, String name) {
        Objects.requireNonNull(hash, name);
        if (hash.length != 32) {
            throw new IllegalArgumentException("account " + name + " must be 32 bytes, got " + hash.length);
        }
        return hash.clone();
    }

    private static IllegalArgumentException notAnAccount(byte[] rlp, RuntimeException cause) {
        return new IllegalArgumentException("state trie value 0x" + HexFormat.of().formatHex(rlp)
                + " is not an account RLP [nonce, balance, storageRoot, codeHash]; the database is corrupt", cause);
    }
}
