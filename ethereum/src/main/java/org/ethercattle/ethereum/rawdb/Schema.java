package org.ethercattle.ethereum.rawdb;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * go-ethereum's key-value schema ({@code core/rawdb/schema.go}): where a geth database keeps each piece of chain
 * data. Block numbers in keys are 8 bytes big-endian, so one prefix's keys sort by number. Every method returns a
 * fresh array.
 */
public final class Schema {

    /** Hash of the head header ({@code LastHeader}). */
    public static final byte[] HEAD_HEADER = ascii("LastHeader");
    /** Hash of the head block, the newest one with full state ({@code LastBlock}). */
    public static final byte[] HEAD_BLOCK = ascii("LastBlock");
    /** Hash of the head block of a snap/fast sync ({@code LastFast}). */
    public static final byte[] HEAD_FAST_BLOCK = ascii("LastFast");
    /** Hash of the latest finalized block ({@code LastFinalized}). */
    public static final byte[] HEAD_FINALIZED_BLOCK = ascii("LastFinalized");
    /** The database schema version ({@code DatabaseVersion}), an RLP integer. */
    public static final byte[] DATABASE_VERSION = ascii("DatabaseVersion");
    /** The chain configuration, JSON, under {@code ethereum-config-} + genesis hash. */
    public static final byte[] CONFIG_PREFIX = ascii("ethereum-config-");

    private static final byte HEADER = 'h';
    private static final byte TD_SUFFIX = 't';
    private static final byte CANONICAL_SUFFIX = 'n';
    private static final byte HEADER_NUMBER = 'H';
    private static final byte BODY = 'b';
    private static final byte RECEIPTS = 'r';
    private static final byte TX_LOOKUP = 'l';
    private static final byte CODE = 'c';

    private Schema() {}

    /** {@code h + num + hash}: the RLP header. */
    public static byte[] header(long number, byte[] hash) {
        return ByteBuffer.allocate(41).put(HEADER).putLong(number).put(hash).array();
    }

    /** {@code h + num + hash + t}: the total difficulty, an RLP integer. */
    public static byte[] totalDifficulty(long number, byte[] hash) {
        return ByteBuffer.allocate(42).put(HEADER).putLong(number).put(hash).put(TD_SUFFIX).array();
    }

    /** {@code h + num + n}: the canonical block hash at a height. */
    public static byte[] canonicalHash(long number) {
        return ByteBuffer.allocate(10).put(HEADER).putLong(number).put(CANONICAL_SUFFIX).array();
    }

    /** {@code H + hash}: the block number of a header, 8 bytes big-endian. */
    public static byte[] headerNumber(byte[] hash) {
        return ByteBuffer.allocate(33).put(HEADER_NUMBER).put(hash).array();
    }

    /** {@code b + num + hash}: the RLP body. */
    public static byte[] body(long number, byte[] hash) {
        return ByteBuffer.allocate(41).put(BODY).putLong(number).put(hash).array();
    }

    /** {@code r + num + hash}: the block's receipts in their stored form. */
    public static byte[] receipts(long number, byte[] hash) {
        return ByteBuffer.allocate(41).put(RECEIPTS).putLong(number).put(hash).array();
    }

    /** {@code l + txHash}: where a transaction is (its block number, or older forms: see {@link TxLookup}). */
    public static byte[] txLookup(byte[] txHash) {
        return ByteBuffer.allocate(33).put(TX_LOOKUP).put(txHash).array();
    }

    /** {@code c + codeHash}: contract code (the newer of geth's two code keys; the older is the bare hash). */
    public static byte[] code(byte[] codeHash) {
        return ByteBuffer.allocate(33).put(CODE).put(codeHash).array();
    }

    /** {@code ethereum-config-} + genesis hash: the chain configuration JSON geth writes at init. */
    public static byte[] config(byte[] genesisHash) {
        return ByteBuffer.allocate(CONFIG_PREFIX.length + genesisHash.length).put(CONFIG_PREFIX).put(genesisHash)
                .array();
    }

    /** Big-endian 8 bytes of {@code number}, as the {@code H} key's value holds it. */
    public static byte[] u64(long number) {
        return ByteBuffer.allocate(8).putLong(number).array();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
