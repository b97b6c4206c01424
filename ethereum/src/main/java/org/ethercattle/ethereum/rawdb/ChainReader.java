package org.ethercattle.ethereum.rawdb;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;
import org.ethercattle.api.Database;
import org.ethercattle.ethereum.types.Block;
import org.ethercattle.ethereum.types.Body;
import org.ethercattle.ethereum.types.Header;
import org.ethercattle.ethereum.types.Rlp;
import org.ethercattle.ethereum.types.Transaction;

/**
 * Reads go-ethereum's chain data from a Cattle {@link Database} (plain or layered) and its {@link Ancients}, the
 * way geth's {@code core/rawdb} accessors do: the key-value store first, then the freezer for blocks that have
 * been moved there (canonical blocks only, so an ancient read for a hash first checks the canonical hash at
 * that height).
 *
 * <p>Safe for concurrent use if the database is. Reads see whatever the replica has applied so far; callers
 * that need one consistent view (a block and its receipts) read the block's hash once and address everything by
 * it, which is what geth's API does too.
 *
 * <p>Decoded headers and bodies are kept in small caches keyed by block hash ({@link #HEADER_CACHE_ENTRIES},
 * {@link #BODY_CACHE_BYTES}), as geth's {@code BlockChain} keeps them: decoding a body hashes every transaction,
 * which costs more than the store read, and the blocks a dapp asks for are mostly the same few recent ones. What
 * a hash names never changes, so the caches need no invalidation; everything that depends on the chain's
 * current shape (canonical hashes, lookups, head markers) is read from the store every time.
 */
public final class ChainReader {

    /** Decoded headers kept, the most recently used. */
    public static final int HEADER_CACHE_ENTRIES = 1024;
    /** Decoded bodies kept: at most 256 (geth's body cache) of at most this many encoded bytes in all. */
    public static final long BODY_CACHE_BYTES = 32L << 20;

    private final Database db;
    private final Ancients ancients;
    private final HashCache<Header> headers = HashCache.ofEntries(HEADER_CACHE_ENTRIES);
    private final HashCache<Body> bodies = new HashCache<>(256, BODY_CACHE_BYTES, b -> b.rlp().length);

    /** A reader over {@code db} and its ancient data (use {@link Ancients#none()} when there is none). */
    public ChainReader(Database db, Ancients ancients) {
        this.db = db;
        this.ancients = ancients;
    }

    /** The database read. */
    public Database database() {
        return db;
    }

    /** The canonical block hash at {@code number}, if the chain reaches it. */
    public Optional<byte[]> canonicalHash(long number) {
        byte[] hash = db.get(Schema.canonicalHash(number));
        if (hash != null) {
            return Optional.of(hash);
        }
        return number < ancients.count() ? ancients.get(Ancients.HASHES, number) : Optional.empty();
    }

    /** The number of the header with {@code hash}, if the store knows it. */
    public Optional<Long> headerNumber(byte[] hash) {
        byte[] value = db.get(Schema.headerNumber(hash));
        if (value == null) {
            return Optional.empty();
        }
        if (value.length != 8) {
            throw new IllegalStateException("header number entry of block " + hex(hash) + " holds " + value.length
                    + " bytes, want 8: the store is damaged or not a geth database");
        }
        return Optional.of(java.nio.ByteBuffer.wrap(value).getLong());
    }

    /** The header {@code (number, hash)}, if stored. */
    public Optional<Header> header(long number, byte[] hash) {
        Header cached = headers.get(hash);
        if (cached != null && cached.number() == number) {
            return Optional.of(cached);
        }
        return rawHeader(number, hash).map(rlp -> headers.put(hash, Header.decode(rlp)));
    }

    /** The encoded header {@code (number, hash)}, if stored. */
    public Optional<byte[]> rawHeader(long number, byte[] hash) {
        return blob(Schema.header(number, hash), Ancients.HEADERS, number, hash);
    }

    /** The header with {@code hash}, if stored. */
    public Optional<Header> header(byte[] hash) {
        return headerNumber(hash).flatMap(n -> header(n, hash));
    }

    /** The canonical header at {@code number}, if the chain reaches it. */
    public Optional<Header> canonicalHeader(long number) {
        return canonicalHash(number).flatMap(h -> header(number, h));
    }

    /** The body of block {@code (number, hash)}, if stored. */
    public Optional<Body> body(long number, byte[] hash) {
        Body cached = bodies.get(hash);
        if (cached != null) {
            return Optional.of(cached);
        }
        return rawBody(number, hash).map(rlp -> bodies.put(hash, Body.decode(rlp)));
    }

    /** The encoded body of block {@code (number, hash)}, if stored. */
    public Optional<byte[]> rawBody(long number, byte[] hash) {
        return blob(Schema.body(number, hash), Ancients.BODIES, number, hash);
    }

    /** The stored receipts of block {@code (number, hash)}, if stored (a store fed without receipts has none). */
    public Optional<byte[]> rawReceipts(long number, byte[] hash) {
        return blob(Schema.receipts(number, hash), Ancients.RECEIPTS, number, hash);
    }

    /** The total difficulty at block {@code (number, hash)}, if stored (newer geth no longer keeps it). */
    public Optional<BigInteger> totalDifficulty(long number, byte[] hash) {
        return blob(Schema.totalDifficulty(number, hash), Ancients.DIFFS, number, hash)
                .map(td -> Rlp.big(org.web3j.rlp.RlpDecoder.decode(td).getValues().get(0), "total difficulty"));
    }

    /** The block {@code (number, hash)}: header and body, if both are stored. */
    public Optional<Block> block(long number, byte[] hash) {
        return header(number, hash).flatMap(h -> body(number, hash).map(b -> new Block(h, b)));
    }

    /** The header the head marker {@code key} of {@link Schema} points to, e.g. {@link Schema#HEAD_BLOCK}. */
    public Optional<Header> headMarker(byte[] key) {
        byte[] hash = db.get(key);
        return hash == null ? Optional.empty() : header(hash);
    }

    /**
     * Where transaction {@code txHash} is in the canonical chain: its block and index, if a lookup entry exists and
     * the block it names still holds it (an entry left behind by a reorg is ignored, as geth ignores it).
     */
    public Optional<TxLocation> transaction(byte[] txHash) {
        byte[] entry = db.get(Schema.txLookup(txHash));
        if (entry == null) {
            return Optional.empty();
        }
        TxLookup lookup = TxLookup.decode(entry);
        Optional<byte[]> blockHash = lookup.blockHash() != null
                ? Optional.of(lookup.blockHash()) : canonicalHash(lookup.number());
        if (blockHash.isEmpty()) {
            return Optional.empty();
        }
        Optional<Long> number = lookup.number() != null ? Optional.of(lookup.number()) : headerNumber(blockHash.get());
        if (number.isEmpty()) {
            return Optional.empty();
        }
        Optional<Block> block = block(number.get(), blockHash.get());
        if (block.isEmpty()) {
            return Optional.empty();
        }
        var txs = block.get().body().transactions();
        for (int i = 0; i < txs.size(); i++) {
            Transaction tx = txs.get(i);
            if (Arrays.equals(tx.hash(), txHash)) {
                return Optional.of(new TxLocation(block.get(), i));
            }
        }
        return Optional.empty();
    }

    private Optional<byte[]> blob(byte[] key, String table, long number, byte[] hash) {
        byte[] value = db.get(key);
        if (value != null) {
            return Optional.of(value);
        }
        if (number >= ancients.count()) {
            return Optional.empty();
        }
        // The freezer holds canonical blocks only: a side-chain hash at an ancient height has nothing there.
        Optional<byte[]> frozenHash = ancients.get(Ancients.HASHES, number);
        if (frozenHash.isEmpty() || !Arrays.equals(frozenHash.get(), hash)) {
            return Optional.empty();
        }
        return ancients.get(table, number);
    }

    private static String hex(byte[] b) {
        return org.ethercattle.ethereum.types.Hex.data(b);
    }

    /** A transaction's place: the block holding it and its index there. */
    public record TxLocation(Block block, int index) {

        /** The transaction. */
        public Transaction transaction() {
            return block.body().transactions().get(index);
        }
    }
}
