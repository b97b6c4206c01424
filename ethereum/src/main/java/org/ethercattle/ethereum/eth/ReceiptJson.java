package org.ethercattle.ethereum.eth;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import org.ethercattle.ethereum.chain.BlobFee;
import org.ethercattle.ethereum.chain.ChainConfig;
import org.ethercattle.ethereum.types.Block;
import org.ethercattle.ethereum.types.Header;
import org.ethercattle.ethereum.types.Hex;
import org.ethercattle.ethereum.types.Log;
import org.ethercattle.ethereum.types.Receipt;
import org.ethercattle.ethereum.types.Rlp;
import org.ethercattle.ethereum.types.Transaction;
import org.web3j.crypto.Hash;

/**
 * Receipts and logs as geth's API renders them, with the fields geth derives rather than stores: each
 * transaction's own gas (the difference of cumulative gas), the contract address of a creation ({@code
 * keccak(rlp[sender, nonce])[12:]}), the effective gas price, blob gas and blob price, and every log's block,
 * transaction and block-wide index. Receipts are Go maps in geth (sorted keys); logs are structs (field order).
 */
final class ReceiptJson {

    private ReceiptJson() {}

    /** The receipts of {@code block}, whose stored receipts decoded to {@code receipts}. */
    static List<ObjectNode> forBlock(Block block, List<Receipt> receipts, ChainConfig config, Senders senders) {
        Header h = block.header();
        List<Transaction> txs = block.body().transactions();
        List<ObjectNode> out = new ArrayList<>(txs.size());
        long previousGas = 0;
        int logIndex = 0;
        for (int i = 0; i < txs.size(); i++) {
            Transaction tx = txs.get(i);
            Receipt r = receipts.get(i);
            byte[] sender = senders.of(tx);
            TreeMap<String, Object> f = new TreeMap<>();
            f.put("blockHash", Hex.data(h.hash()));
            f.put("blockNumber", Hex.quantity(h.number()));
            f.put("transactionHash", Hex.data(tx.hash()));
            f.put("transactionIndex", Hex.quantity(i));
            f.put("from", Hex.data(sender));
            f.put("to", tx.to() == null ? null : Hex.data(tx.to()));
            f.put("gasUsed", Hex.quantity(r.cumulativeGasUsed() - previousGas));
            f.put("cumulativeGasUsed", Hex.quantity(r.cumulativeGasUsed()));
            f.put("contractAddress", tx.to() == null ? Hex.data(contractAddress(sender, tx.nonce())) : null);
            ArrayNode logs = Json.array();
            for (Log log : r.logs()) {
                logs.add(log(log, h, tx.hash(), i, logIndex++));
            }
            f.put("logs", logs);
            f.put("logsBloom", Hex.data(r.bloom()));
            f.put("type", Hex.quantity(tx.type()));
            f.put("effectiveGasPrice", Hex.quantity(tx.effectiveGasPrice(h.baseFee())));
            if (r.postState() != null) {
                f.put("root", Hex.data(r.postState()));
            } else {
                f.put("status", Hex.quantity(r.status()));
            }
            if (tx.type() == Transaction.BLOB) {
                f.put("blobGasUsed", Hex.quantity(BlobFee.GAS_PER_BLOB * tx.blobVersionedHashes().size()));
                long fraction = config.blobForkAt(h.time()).map(ChainConfig.BlobFork::updateFraction).orElse(0L);
                BigInteger price = h.excessBlobGas() == null || fraction == 0 ? BigInteger.ONE
                        : BlobFee.of(h.excessBlobGas(), fraction);
                f.put("blobGasPrice", Hex.quantity(price));
            }
            previousGas = r.cumulativeGasUsed();
            out.add(Json.sorted(f));
        }
        return out;
    }

    /** One log at its place in the chain. */
    static ObjectNode log(Log log, Header h, byte[] txHash, int txIndex, int logIndex) {
        ArrayNode topics = Json.array();
        log.topics().forEach(t -> topics.add(Hex.data(t)));
        ObjectNode node = Json.object().data("address", log.address()).set("topics", topics)
                .data("data", log.data()).quantity("blockNumber", h.number()).data("transactionHash", txHash)
                .quantity("transactionIndex", txIndex).data("blockHash", h.hash())
                .quantity("blockTimestamp", h.time()).quantity("logIndex", logIndex).build();
        node.put("removed", false);
        return node;
    }

    /** The address a creation by {@code sender} at {@code nonce} deploys to. */
    static byte[] contractAddress(byte[] sender, long nonce) {
        byte[] h = Hash.sha3(Rlp.encodeList(List.of(Rlp.string(sender), Rlp.uint(nonce))));
        return Arrays.copyOfRange(h, 12, 32);
    }
}
