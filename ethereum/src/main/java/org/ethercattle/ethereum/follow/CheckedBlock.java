package org.ethercattle.ethereum.follow;

import java.math.BigInteger;
import java.util.List;
import org.ethercattle.ethereum.types.Block;
import org.ethercattle.ethereum.types.Receipt;

/**
 * A block as a node sent it, every part checked against the header: the header against the block hash, the
 * transactions against transactionsRoot, the uncles against sha3Uncles, the withdrawals against withdrawalsRoot
 * and the receipts against receiptsRoot.
 *
 * @param block the header and body
 * @param receipts the receipts' consensus fields, one per transaction in order
 * @param totalDifficulty the chain's total difficulty at this block as the node reported it, or {@code null} when
 *     the node does not report it (geth since the merge)
 */
public record CheckedBlock(Block block, List<Receipt> receipts, BigInteger totalDifficulty) {

    /** Copies the receipt list. */
    public CheckedBlock {
        receipts = List.copyOf(receipts);
    }

    /** The block number. */
    public long number() {
        return block.number();
    }

    /** The block hash. */
    public byte[] hash() {
        return block.hash();
    }
}
