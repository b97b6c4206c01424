package org.ethercattle.ethereum.eth;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.TreeMap;
import org.ethercattle.ethereum.types.Block;
import org.ethercattle.ethereum.types.Body;
import org.ethercattle.ethereum.types.Header;
import org.ethercattle.ethereum.types.Hex;
import org.ethercattle.ethereum.types.Transaction;
import org.ethercattle.ethereum.types.Withdrawal;

/**
 * Blocks and headers as geth's {@code RPCMarshalBlock} / {@code RPCMarshalHeader} render them. geth builds a Go
 * map, which its JSON encoder writes with sorted keys, so these objects are written in alphabetical key order; the
 * fork fields appear exactly when the header carries them.
 */
final class BlockJson {

    private BlockJson() {}

    /** The header fields of {@code h}. */
    static ObjectNode header(Header h) {
        return Json.sorted(headerFields(h));
    }

    /**
     * The block: header fields, {@code size}, {@code uncles} (hashes), {@code transactions} (hashes, or full objects
     * when {@code fullTransactions}) and {@code withdrawals} when the body has them.
     */
    static ObjectNode block(Block block, boolean fullTransactions, Senders senders) {
        TreeMap<String, Object> f = headerFields(block.header());
        Body body = block.body();
        f.put("size", Hex.quantity(encodedSize(block)));
        ArrayNode uncles = Json.array();
        body.uncles().forEach(u -> uncles.add(Hex.data(u.hash())));
        f.put("uncles", uncles);
        ArrayNode txs = Json.array();
        List<Transaction> list = body.transactions();
        for (int i = 0; i < list.size(); i++) {
            if (fullTransactions) {
                txs.add(TransactionJson.inBlock(list.get(i), block.header(), i, senders));
            } else {
                txs.add(Hex.data(list.get(i).hash()));
            }
        }
        f.put("transactions", txs);
        if (body.withdrawals() != null) {
            ArrayNode ws = Json.array();
            for (Withdrawal w : body.withdrawals()) {
                ws.add(withdrawal(w));
            }
            f.put("withdrawals", ws);
        }
        return Json.sorted(f);
    }

    /**
     * The length of the block's encoding {@code [header, transactions, uncles, withdrawals?]}, from the stored
     * header and body encodings without re-encoding: the body's items follow the header in the block's list.
     */
    static int encodedSize(Block block) {
        byte[] body = block.body().rlp();
        int payload = block.header().rlp().length + body.length - listPrefixLength(body);
        return listPrefixLength(payload) + payload;
    }

    private static int listPrefixLength(byte[] list) {
        int first = list[0] & 0xff;
        return first <= 0xf7 ? 1 : 1 + (first - 0xf7);
    }

    private static int listPrefixLength(int payload) {
        return payload <= 55 ? 1 : 1 + (32 - Integer.numberOfLeadingZeros(payload) + 7) / 8;
    }

    /** An uncle as geth returns it: a block of that header with an empty body. */
    static ObjectNode uncle(Header uncle) {
        return block(new Block(uncle, Body.empty(false)), false, null);
    }

    private static ObjectNode withdrawal(Withdrawal w) {
        return Json.object().quantity("index", w.index()).quantity("validatorIndex", w.validatorIndex())
                .data("address", w.address()).quantity("amount", w.amountGwei()).build();
    }

    private static TreeMap<String, Object> headerFields(Header h) {
        TreeMap<String, Object> f = new TreeMap<>();
        f.put("number", Hex.quantity(h.number()));
        f.put("hash", Hex.data(h.hash()));
        f.put("parentHash", Hex.data(h.parentHash()));
        f.put("nonce", Hex.data(h.nonce()));
        f.put("mixHash", Hex.data(h.mixDigest()));
        f.put("sha3Uncles", Hex.data(h.uncleHash()));
        f.put("logsBloom", Hex.data(h.bloom()));
        f.put("stateRoot", Hex.data(h.stateRoot()));
        f.put("miner", Hex.data(h.coinbase()));
        f.put("difficulty", Hex.quantity(h.difficulty()));
        f.put("extraData", Hex.data(h.extra()));
        f.put("gasLimit", Hex.quantity(h.gasLimit()));
        f.put("gasUsed", Hex.quantity(h.gasUsed()));
        f.put("timestamp", Hex.quantity(h.time()));
        f.put("transactionsRoot", Hex.data(h.txRoot()));
        f.put("receiptsRoot", Hex.data(h.receiptRoot()));
        if (h.baseFee() != null) {
            f.put("baseFeePerGas", Hex.quantity(h.baseFee()));
        }
        if (h.withdrawalsRoot() != null) {
            f.put("withdrawalsRoot", Hex.data(h.withdrawalsRoot()));
        }
        if (h.blobGasUsed() != null) {
            f.put("blobGasUsed", Hex.quantity(h.blobGasUsed()));
        }
        if (h.excessBlobGas() != null) {
            f.put("excessBlobGas", Hex.quantity(h.excessBlobGas()));
        }
        if (h.parentBeaconRoot() != null) {
            f.put("parentBeaconBlockRoot", Hex.data(h.parentBeaconRoot()));
        }
        if (h.requestsHash() != null) {
            f.put("requestsHash", Hex.data(h.requestsHash()));
        }
        return f;
    }

}
