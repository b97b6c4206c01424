package org.ethercattle.ethereum.eth;

import org.ethercattle.ethereum.rawdb.HashCache;
import org.ethercattle.ethereum.rpc.RawJson;
import org.ethercattle.ethereum.types.Block;

/**
 * Blocks as {@code eth_getBlockByNumber} / {@code eth_getBlockByHash} answer them, written once and kept by block
 * hash. Everything in a block's JSON follows from its hash (header, transactions, their senders, the size), so a
 * written answer never goes stale; building and writing it costs more than reading the block, and dapps ask for
 * the same recent blocks over and over. Answers with transaction hashes and with full transactions are kept apart,
 * each bounded in bytes. Thread-safe.
 */
final class RenderedBlocks {

    /** Bytes of written JSON kept for each of the two forms. */
    static final long CACHE_BYTES = 16L << 20;
    /** Blocks kept for each of the two forms, whatever their size. */
    static final int CACHE_ENTRIES = 1024;

    private final Senders senders;
    private final HashCache<RawJson> withHashes = cache();
    private final HashCache<RawJson> withTransactions = cache();

    RenderedBlocks(Senders senders) {
        this.senders = senders;
    }

    /** {@code block}'s answer, with full transaction objects when {@code fullTransactions}. */
    RawJson of(Block block, boolean fullTransactions) {
        HashCache<RawJson> cache = fullTransactions ? withTransactions : withHashes;
        RawJson known = cache.get(block.hash());
        return known != null ? known
                : cache.put(block.hash(), RawJson.of(BlockJson.block(block, fullTransactions, senders)));
    }

    private static HashCache<RawJson> cache() {
        return new HashCache<>(CACHE_ENTRIES, CACHE_BYTES, json -> json.bytes().length);
    }
}
