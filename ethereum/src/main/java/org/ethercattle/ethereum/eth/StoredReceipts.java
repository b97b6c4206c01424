package org.ethercattle.ethereum.eth;

import java.util.List;
import java.util.Optional;
import org.ethercattle.ethereum.rawdb.ChainReader;
import org.ethercattle.ethereum.rpc.RpcException;
import org.ethercattle.ethereum.types.Block;
import org.ethercattle.ethereum.types.Receipt;
import org.ethercattle.ethereum.types.Transaction;

/** A block's receipts as the store holds them, with the answer geth's API needs when they are not there. */
final class StoredReceipts {

    private StoredReceipts() {}

    /**
     * The receipts of {@code block}, in transaction order.
     *
     * @throws RpcException when the store holds none for a block that has transactions: geth always has them, a
     *     store filled without receipts (an import of a chain file) must say so plainly rather than answer null
     */
    static List<Receipt> of(ChainReader chain, Block block) throws RpcException {
        List<Transaction> txs = block.body().transactions();
        Optional<byte[]> stored = chain.rawReceipts(block.number(), block.hash());
        if (stored.isEmpty()) {
            if (txs.isEmpty()) {
                return List.of();
            }
            throw RpcException.serverError("receipts of block " + block.number() + " are not in this store: it was "
                    + "filled without receipts (e.g. by 'cattle eth import'); serve a store written by a geth master");
        }
        try {
            return Receipt.decodeStored(stored.get(), txs);
        } catch (IllegalArgumentException e) {
            throw RpcException.serverError("receipts of block " + block.number() + " are damaged: " + e.getMessage());
        }
    }
}
