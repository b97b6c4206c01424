package org.ethercattle.ethereum.rawdb;

import java.math.BigInteger;
import org.ethercattle.api.KeyValueWriter;
import org.ethercattle.ethereum.types.Block;
import org.ethercattle.ethereum.types.Rlp;
import org.ethercattle.ethereum.types.Transaction;

/**
 * Writes chain data in go-ethereum's schema, the keys geth's {@code core/rawdb} writers produce (database version
 * 9 forms: tx lookups hold the block number). Writes go to any {@link KeyValueWriter}: give it a store
 * {@code Batch}, or a capturing master's batch so that the block reaches the log as one atomic record.
 */
public final class ChainWriter {

    /** geth's current database schema version, stored under {@link Schema#DATABASE_VERSION}. */
    public static final long DATABASE_VERSION = 9;

    private final KeyValueWriter out;

    /** A writer into {@code out}. */
    public ChainWriter(KeyValueWriter out) {
        this.out = out;
    }

    /**
     * A canonical block: its header, body, hash-to-number entry, canonical hash, total difficulty and the lookup
     * entry of each transaction. Receipts are separate ({@link #receipts}) because not every source has them.
     */
    public void canonicalBlock(Block block, BigInteger totalDifficulty) {
        long n = block.number();
        byte[] hash = block.hash();
        out.put(Schema.header(n, hash), block.header().rlp());
        out.put(Schema.headerNumber(hash), Schema.u64(n));
        out.put(Schema.body(n, hash), block.body().rlp());
        out.put(Schema.canonicalHash(n), hash);
        out.put(Schema.totalDifficulty(n, hash), Rlp.encode(Rlp.uint(totalDifficulty)));
        byte[] lookup = TxLookup.encode(n);
        for (Transaction tx : block.body().transactions()) {
            out.put(Schema.txLookup(tx.hash()), lookup);
        }
    }

    /** The stored receipts of block {@code (number, hash)}. */
    public void receipts(long number, byte[] hash, byte[] storedReceipts) {
        out.put(Schema.receipts(number, hash), storedReceipts);
    }

    /** Moves every head marker (header, full block, fast sync) to block {@code hash}. */
    public void head(byte[] hash) {
        out.put(Schema.HEAD_HEADER, hash);
        out.put(Schema.HEAD_BLOCK, hash);
        out.put(Schema.HEAD_FAST_BLOCK, hash);
    }

    /** Marks block {@code hash} finalized. */
    public void finalized(byte[] hash) {
        out.put(Schema.HEAD_FINALIZED_BLOCK, hash);
    }

    /** Records the schema version (geth refuses a database without one it knows). */
    public void databaseVersion() {
        out.put(Schema.DATABASE_VERSION, Rlp.encode(Rlp.uint(DATABASE_VERSION)));
    }
}
