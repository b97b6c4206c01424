package org.ethercattle.ethereum.state;

import java.math.BigInteger;
import java.util.Map;
import java.util.Objects;
import org.ethercattle.api.KeyValueWriter;
import org.ethercattle.ethereum.trie.TrieBuilder;
import org.web3j.crypto.Hash;
import org.web3j.rlp.RlpEncoder;
import org.web3j.rlp.RlpString;

/**
 * Writes a whole state into a database the way geth's hash scheme lays it out: each account's storage
 * trie, its code under {@code 'c' + codeHash}, and the account trie, every trie node under its hash.
 * Use it for a genesis {@code alloc} or a state dump (see {@link StateJson}).
 *
 * <p>Writes go to the given writer in no particular order; pass a {@link org.ethercattle.api.Batch}
 * and write it afterwards to make the import atomic, or a database to stream it. Storage tries are
 * built one account at a time, so memory is bounded by the account trie's entries plus the largest
 * account's storage. Not thread-safe.
 */
public final class StateImporter {

    private final KeyValueWriter out;

    /** An importer writing into {@code out}. */
    public StateImporter(KeyValueWriter out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    /**
     * Writes {@code accounts} as one state and returns its 32-byte root. An account listed twice
     * keeps its last entry.
     */
    public byte[] write(Iterable<AccountState> accounts) {
        TrieBuilder stateTrie = new TrieBuilder();
        for (AccountState state : accounts) {
            byte[] storageRoot = writeStorage(state);
            byte[] codeHash = writeCode(state.code());
            Account account = new Account(state.nonce(), state.balance(), storageRoot, codeHash);
            stateTrie.put(Hash.sha3(state.address()), account.toRlp());
        }
        return stateTrie.build(out);
    }

    private byte[] writeStorage(AccountState state) {
        TrieBuilder storageTrie = new TrieBuilder();
        for (Map.Entry<BigInteger, BigInteger> slot : state.storage().entrySet()) {
            // Slot keys are the keccak of the 32-byte slot; values the RLP of their minimal bytes.
            storageTrie.put(Hash.sha3(word(slot.getKey())),
                    RlpEncoder.encode(RlpString.create(slot.getValue())));
        }
        return storageTrie.build(out);
    }

    private byte[] writeCode(byte[] code) {
        if (code.length == 0) {
            return Account.emptyCodeHash();
        }
        byte[] codeHash = Hash.sha3(code);
        byte[] key = new byte[33];
        key[0] = StateReader.CODE_PREFIX;
        System.arraycopy(codeHash, 0, key, 1, 32);
        out.put(key, code);
        return codeHash;
    }

    /** The unsigned 256-bit {@code value} as 32 big-endian bytes. */
    private static byte[] word(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] word = new byte[32];
        int length = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - length, word, 32 - length, length);
        return word;
    }
}
