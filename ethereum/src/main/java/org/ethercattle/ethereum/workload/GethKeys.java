package org.ethercattle.ethereum.workload;

import java.nio.charset.StandardCharsets;

/**
 * go-ethereum's key schema ({@code core/rawdb/schema.go}) for the tables the workload writes, so that
 * generated keys have geth's lengths, prefixes and ordering.
 *
 * <ul>
 *   <li>header: {@code 'h' + number(8, big-endian) + hash(32)}</li>
 *   <li>canonical hash: {@code 'h' + number + 'n'}, value the block hash</li>
 *   <li>header number: {@code 'H' + hash}, value the 8-byte big-endian number</li>
 *   <li>body: {@code 'b' + number + hash}; receipts: {@code 'r' + number + hash}</li>
 *   <li>contract code: {@code 'c' + code hash}; account snapshot: {@code 'a' + account hash}</li>
 *   <li>trie nodes (hash scheme): the raw 32-byte node hash, no prefix</li>
 *   <li>head markers: the ASCII keys {@code LastHeader}, {@code LastBlock}, {@code LastFast}, value a
 *       32-byte block hash</li>
 * </ul>
 *
 * <p>Every method returns a fresh array the caller owns.
 */
public final class GethKeys {

    /** Length of a Keccak-256 hash, and so of block hashes, code hashes and trie node keys. */
    public static final int HASH_LENGTH = 32;

    /** The head-header marker. */
    public static final String LAST_HEADER = "LastHeader";
    /** The head-block marker. */
    public static final String LAST_BLOCK = "LastBlock";
    /** The head-fast-block marker. */
    public static final String LAST_FAST = "LastFast";

    private GethKeys() {}

    /** {@code 'h' + number + hash}: the RLP header of a block. */
    public static byte[] header(long number, byte[] hash) {
        return numberHashKey('h', number, hash);
    }

    /** {@code 'h' + number + 'n'}: the canonical block hash at a height. */
    public static byte[] canonicalHash(long number) {
        byte[] key = new byte[10];
        key[0] = 'h';
        putNumber(key, 1, number);
        key[9] = 'n';
        return key;
    }

    /** {@code 'H' + hash}: the number of the block with that hash. */
    public static byte[] headerNumber(byte[] hash) {
        return prefixed('H', hash);
    }

    /** {@code 'b' + number + hash}: the RLP body (transactions, uncles) of a block. */
    public static byte[] body(long number, byte[] hash) {
        return numberHashKey('b', number, hash);
    }

    /** {@code 'r' + number + hash}: the RLP receipts of a block. */
    public static byte[] receipts(long number, byte[] hash) {
        return numberHashKey('r', number, hash);
    }

    /** {@code 'c' + codeHash}: contract bytecode. */
    public static byte[] code(byte[] codeHash) {
        return prefixed('c', codeHash);
    }

    /** {@code 'a' + accountHash}: an account in the state snapshot. */
    public static byte[] snapshotAccount(byte[] accountHash) {
        return prefixed('a', accountHash);
    }

    /** A head marker key, e.g. {@code headMarker(LAST_BLOCK)}. */
    public static byte[] headMarker(String name) {
        return name.getBytes(StandardCharsets.US_ASCII);
    }

    /** The 8-byte big-endian encoding geth uses for block numbers, in keys and as {@code 'H'} values. */
    public static byte[] encodeNumber(long number) {
        byte[] out = new byte[8];
        putNumber(out, 0, number);
        return out;
    }

    private static byte[] numberHashKey(char prefix, long number, byte[] hash) {
        byte[] key = new byte[1 + 8 + hash.length];
        key[0] = (byte) prefix;
        putNumber(key, 1, number);
        System.arraycopy(hash, 0, key, 9, hash.length);
        return key;
    }

    private static byte[] prefixed(char prefix, byte[] hash) {
        byte[] key = new byte[1 + hash.length];
        key[0] = (byte) prefix;
        System.arraycopy(hash, 0, key, 1, hash.length);
        return key;
    }

    private static void putNumber(byte[] out, int at, long number) {
        for (int i = 7; i >= 0; i--) {
            out[at + i] = (byte) number;
            number >>>= 8;
        }
    }
}
