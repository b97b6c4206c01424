package org.ethercattle.ethereum.state;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.ethercattle.api.Database;
import org.ethercattle.ethereum.trie.MissingTrieNodeException;
import org.ethercattle.ethereum.trie.NodeSource;
import org.ethercattle.ethereum.trie.TrieReader;
import org.web3j.crypto.Hash;
import org.web3j.rlp.RlpDecoder;
import org.web3j.rlp.RlpString;

/**
 * Reads accounts, storage, code and proofs from a geth hash-scheme state database: state and storage
 * trie nodes under their hashes, code under {@code 'c' + codeHash} (or, in databases written before
 * that prefix, under the bare code hash). Every method takes the state root to read at, so one reader
 * serves every block.
 *
 * <p>Thread-safe (the database is). A trie node the read needs but the database lacks raises
 * {@link MissingTrieNodeException}. Arrays passed in are not retained; arrays returned are fresh.
 * The database is not checked for its scheme here; do that once with {@link StateScheme#requireHash}.
 */
public final class StateReader {

    /** geth's {@code rawdb.CodePrefix}: code is stored under {@code 'c' + codeHash}. */
    static final byte CODE_PREFIX = 'c';

    private final Database database;
    private final TrieReader tries;

    /** A reader over {@code database}, which must be in geth's hash scheme. */
    public StateReader(Database database) {
        this.database = Objects.requireNonNull(database, "database");
        this.tries = new TrieReader(NodeSource.of(database));
    }

    /** Returns the account at {@code address} (20 bytes) in the state {@code stateRoot}, or empty. */
    public Optional<Account> account(byte[] stateRoot, byte[] address) {
        return tries.get(stateRoot, accountKey(address)).map(Account::fromRlp);
    }

    /**
     * Returns the 32-byte value of storage {@code slot} (32 bytes) of {@code address}; 32 zero bytes
     * when the account or the slot is absent.
     */
    public byte[] storage(byte[] stateRoot, byte[] address, byte[] slot) {
        requireSlot(slot);
        return account(stateRoot, address)
                .flatMap(account -> tries.get(account.storageRoot(), Hash.sha3(slot)))
                .map(StateReader::storageWord)
                .orElseGet(() -> new byte[32]);
    }

    /**
     * Returns the code whose keccak is {@code codeHash}: empty for the empty code hash, else read
     * from {@code 'c' + codeHash} and then from the bare hash.
     *
     * @throws MissingCodeException when the database holds neither
     */
    public byte[] code(byte[] codeHash) {
        if (codeHash.length != 32) {
            throw new IllegalArgumentException("a code hash is 32 bytes, got " + codeHash.length);
        }
        if (Arrays.equals(codeHash, Account.emptyCodeHash())) {
            return new byte[0];
        }
        byte[] prefixed = new byte[33];
        prefixed[0] = CODE_PREFIX;
        System.arraycopy(codeHash, 0, prefixed, 1, 32);
        byte[] code = database.get(prefixed);
        if (code == null) {
            code = database.get(codeHash);
        }
        if (code == null) {
            throw new MissingCodeException(codeHash);
        }
        return code;
    }

    /**
     * Returns what {@code eth_getProof} answers for {@code address} and {@code slots} (each 32 bytes)
     * at {@code stateRoot}, with geth's conventions (see {@link AccountProof}): storage proofs are
     * empty for an absent account or one without storage.
     */
    public AccountProof proof(byte[] stateRoot, byte[] address, List<byte[]> slots) {
        slots.forEach(StateReader::requireSlot);
        byte[] key = accountKey(address);
        List<byte[]> accountProof = tries.proof(stateRoot, key);
        Optional<Account> found = tries.get(stateRoot, key).map(Account::fromRlp);
        List<StorageProof> storageProofs = new ArrayList<>(slots.size());
        for (byte[] slot : slots) {
            storageProofs.add(found.filter(account -> !Arrays.equals(account.storageRoot(), Account.emptyRoot()))
                    .map(account -> storageProof(account.storageRoot(), slot))
                    .orElseGet(() -> new StorageProof(slot, BigInteger.ZERO, List.of())));
        }
        if (found.isEmpty()) {
            // geth reads an absent account's code hash and storage root as the zero hash.
            return new AccountProof(address, accountProof, BigInteger.ZERO, new byte[32], 0, new byte[32],
                    storageProofs);
        }
        Account account = found.get();
        return new AccountProof(address, accountProof, account.balance(), account.codeHash(), account.nonce(),
                account.storageRoot(), storageProofs);
    }

    private StorageProof storageProof(byte[] storageRoot, byte[] slot) {
        byte[] key = Hash.sha3(slot);
        BigInteger value = tries.get(storageRoot, key).map(StateReader::storageWord)
                .map(word -> new BigInteger(1, word)).orElse(BigInteger.ZERO);
        return new StorageProof(slot, value, tries.proof(storageRoot, key));
    }

    private static byte[] accountKey(byte[] address) {
        if (address.length != 20) {
            throw new IllegalArgumentException("an address is 20 bytes, got " + address.length);
        }
        return Hash.sha3(address);
    }

    private static void requireSlot(byte[] slot) {
        if (slot.length != 32) {
            throw new IllegalArgumentException("a storage slot is 32 bytes, got " + slot.length
                    + "; left-pad shorter slots with zeros");
        }
    }

    /** Storage values are stored as the RLP string of their minimal big-endian bytes; widen to 32. */
    private static byte[] storageWord(byte[] rlp) {
        byte[] value;
        try {
            value = ((RlpString) RlpDecoder.decode(rlp).getValues().get(0)).getBytes();
        } catch (RuntimeException malformed) {
            throw new IllegalStateException("storage trie value 0x" + HexFormat.of().formatHex(rlp)
                    + " is not an RLP string; the database is corrupt", malformed);
        }
        if (value.length > 32) {
            throw new IllegalStateException("storage trie value of " + value.length
                    + " bytes exceeds a 32-byte word; the database is corrupt");
        }
        byte[] word = new byte[32];
        System.arraycopy(value, 0, word, 32 - value.length, value.length);
        return word;
    }
}
