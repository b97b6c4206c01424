package org.ethercattle.ethereum.state;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One account with everything needed to write it into a state: what a genesis {@code alloc} entry
 * or a state dump entry says. Storage slots and values are unsigned 256-bit integers; zero values are
 * dropped (the trie does not hold them). Immutable: arrays are copied in and out.
 *
 * @param address the 20-byte address
 * @param nonce   the nonce, not negative
 * @param balance the balance in wei, not negative
 * @param code    the contract code, empty for none
 * @param storage slot to value, both below 2^256
 */
public record AccountState(byte[] address, long nonce, BigInteger balance, byte[] code,
        SortedMap<BigInteger, BigInteger> storage) {

    private static final BigInteger WORD_LIMIT = BigInteger.ONE.shiftLeft(256);

    /** Validates and copies. */
    public AccountState {
        Objects.requireNonNull(address, "address");
        if (address.length != 20) {
            throw new IllegalArgumentException("an address is 20 bytes, got " + address.length);
        }
        address = address.clone();
        code = Objects.requireNonNull(code, "code").clone();
        TreeMap<BigInteger, BigInteger> words = new TreeMap<>();
        for (var slot : storage.entrySet()) {
            requireWord(slot.getKey(), "slot", address);
            requireWord(slot.getValue(), "value", address);
            if (slot.getValue().signum() != 0) {
                words.put(slot.getKey(), slot.getValue());
            }
        }
        storage = Collections.unmodifiableSortedMap(words);
        // Account validates nonce and balance; fail here, at the input, rather than on write.
        Account.of(nonce, balance);
    }

    /** The address; a fresh copy. */
    @Override
    public byte[] address() {
        return address.clone();
    }

    /** The code; a fresh copy. */
    @Override
    public byte[] code() {
        return code.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AccountState that && Arrays.equals(address, that.address) && nonce == that.nonce
                && balance.equals(that.balance) && Arrays.equals(code, that.code) && storage.equals(that.storage);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(address), nonce, balance, Arrays.hashCode(code), storage);
    }

    @Override
    public String toString() {
        return "AccountState[address=0x" + HexFormat.of().formatHex(address) + ", nonce=" + nonce + ", balance="
                + balance + ", code=" + code.length + " bytes, storage=" + storage.size() + " slots]";
    }

    private static void requireWord(BigInteger word, String what, byte[] address) {
        if (word.signum() < 0 || word.compareTo(WORD_LIMIT) >= 0) {
            throw new IllegalArgumentException("storage " + what + " " + word + " of account 0x"
                    + HexFormat.of().formatHex(address) + " is not an unsigned 256-bit word");
        }
    }
}
