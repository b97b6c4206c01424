package org.ethercattle.ethereum.eth;

import java.util.List;
import java.util.Optional;
import org.ethercattle.ethereum.rawdb.ChainReader;
import org.ethercattle.ethereum.rpc.RpcException;
import org.ethercattle.ethereum.types.Block;
import org.ethercattle.ethereum.types.Receipt;
import org.ethercattle.ethereum.types.Transaction;

/**
 * A block's receipts as the store holds them. A store may hold none for a block: one filled by an import of a
 * chain file, which runs no EVM. geth's accessors then return no receipts, and its API answers from that empty
 * list (a {@code null} receipt, no logs, a length mismatch for a block's receipts); so does this.
 */
final class StoredReceipts {

    private StoredReceipts() {}

    /**
     * The receipts of {@code block}, in transaction order; empty when the store holds none for it.
     *
     * @throws RpcException when the stored receipts are damaged (they do not decode, or not one per transaction)
     */
    static List<Receipt> of(ChainReader chain, Block block) throws RpcException {
        List<Transaction> txs = block.body().transactions();
        Optional<byte[]> stored = chain.rawReceipts(block.number(), block.hash());
        if (stored.isEmpty()) {
            return List.of();
        }
        try {
            return Receipt.decodeStored(stored.get(), txs);
        } catch (IllegalArgumentException e) {
            throw RpcException.serverError("receipts of block " + block.number() + " are damaged: " + e.getMessage());
        }
    }
}
