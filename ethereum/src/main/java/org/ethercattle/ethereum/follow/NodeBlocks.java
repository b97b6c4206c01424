package org.ethercattle.ethereum.follow;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.ethercattle.ethereum.types.Block;
import org.ethercattle.ethereum.types.Body;
import org.ethercattle.ethereum.types.Header;
import org.ethercattle.ethereum.types.Hex;
import org.ethercattle.ethereum.types.Log;
import org.ethercattle.ethereum.types.Receipt;
import org.ethercattle.ethereum.types.Rlp;
import org.ethercattle.ethereum.types.Transaction;
import org.ethercattle.ethereum.trie.TrieBuilder;
import org.web3j.crypto.Hash;
import org.web3j.rlp.RlpDecoder;
import org.web3j.rlp.RlpList;
import org.web3j.rlp.RlpString;
import org.web3j.rlp.RlpType;

/**
 * Reads whole blocks from a node and checks them before anyone writes them: the header from {@code
 * eth_getBlockByNumber} re-encoded ({@link HeaderJson}), each transaction's canonical encoding from {@code
 * eth_getRawTransactionByBlockHashAndIndex}, uncles from {@code eth_getUncleByBlockHashAndIndex}, withdrawals from
 * the block's JSON, and receipts from {@code eth_getBlockReceipts}. A block costs three requests (the transactions
 * go as one JSON-RPC batch), plus one per uncle. Every part after the header is asked for by
 * the block's hash, so a reorg on the node between two requests shows up as a mismatch, never as a mixed block.
 * Thread-safe when the client is.
 */
public final class NodeBlocks {


    private static final int METHOD_NOT_FOUND = -32601;

    private final NodeClient node;

    /** Blocks from {@code node}. */
    public NodeBlocks(NodeClient node) {
        this.node = node;
    }

    /** The node's newest block number ({@code eth_blockNumber}). */
    public long headNumber() {
        return Hex.number(node.call("eth_blockNumber").asText()).longValueExact();
    }

    /** The node's chain id ({@code eth_chainId}). */
    public BigInteger chainId() {
        return Hex.number(node.call("eth_chainId").asText());
    }

    /**
     * The hash of the node's canonical block {@code number}, checked by re-encoding its header, or {@code null}
     * if the node has no such block.
     */
    public byte[] canonicalHash(long number) {
        JsonNode json = node.call("eth_getBlockByNumber", Hex.quantity(number), false);
        return json.isNull() ? null : HeaderJson.decode(json).hash();
    }

    /**
     * The header of the node's finalized block, or empty if the node has none or does not know the tag (a
     * pre-merge node).
     */
    public Optional<Header> finalizedHeader() {
        JsonNode json;
        try {
            json = node.call("eth_getBlockByNumber", "finalized", false);
        } catch (NodeException e) {
            if (e.code() == 0) {
                throw e;
            }
            return Optional.empty();
        }
        return json.isNull() ? Optional.empty() : Optional.of(HeaderJson.decode(json));
    }

    /**
     * The node's canonical block {@code number}, every part checked.
     *
     * @return the block, or {@code null} if the node has no block at that height
     * @throws BlockMismatchException when any part does not match the header
     * @throws NodeException when the node cannot be asked
     */
    public CheckedBlock block(long number) {
        JsonNode json = node.call("eth_getBlockByNumber", Hex.quantity(number), false);
        if (json.isNull()) {
            return null;
        }
        Header header = HeaderJson.decode(json);
        if (header.number() != number) {
            throw new BlockMismatchException(number, "number", "asked for block " + number + ", the node sent "
                    + header.number());
        }
        String hash = Hex.data(header.hash());
        List<Transaction> txs = transactions(json, header, hash);
        List<RlpType> uncles = uncles(json, header, hash);
        List<RlpType> bodyFields = new ArrayList<>();
        List<RlpType> txItems = new ArrayList<>();
        for (Transaction tx : txs) {
            // A body holds a legacy transaction as its list, a typed one as a string of its encoding.
            txItems.add(tx.type() == Transaction.LEGACY ? RlpDecoder.decode(tx.encoded()).getValues().get(0)
                    : RlpString.create(tx.encoded()));
        }
        bodyFields.add(new RlpList(txItems));
        bodyFields.add(new RlpList(uncles));
        RlpList withdrawals = withdrawals(json, header);
        if (withdrawals != null) {
            bodyFields.add(withdrawals);
        }
        Body body = Body.decode(Rlp.encodeList(bodyFields));
        List<Receipt> receipts = receipts(header, hash, txs);
        return new CheckedBlock(new Block(header, body), receipts,
                HeaderJson.optionalQuantity(json, number, "totalDifficulty"));
    }

    private List<Transaction> transactions(JsonNode json, Header header, String hash) {
        long n = header.number();
        JsonNode listed = json.path("transactions");
        if (!listed.isArray()) {
            throw new BlockMismatchException(n, "transactions", "missing from the node's JSON");
        }
        List<Transaction> txs = new ArrayList<>(listed.size());
        TrieBuilder trie = new TrieBuilder();
        List<List<Object>> calls = new ArrayList<>();
        for (int i = 0; i < listed.size(); i++) {
            calls.add(List.of(hash, Hex.quantity(i)));
        }
        List<JsonNode> raws;
        try {
            raws = node.callEach("eth_getRawTransactionByBlockHashAndIndex", calls);
        } catch (NodeException e) {
            if (e.code() != METHOD_NOT_FOUND) {
                throw e;
            }
            throw new NodeException("node " + node.url() + " has no eth_getRawTransactionByBlockHashAndIndex, which the"
                    + " follower needs for each transaction's exact encoding; follow a node that serves it (geth,"
                    + " reth and Anvil do)", e.code(), e);
        }
        for (int i = 0; i < listed.size(); i++) {
            JsonNode raw = raws.get(i);
            if (!raw.isTextual()) {
                throw new BlockMismatchException(n, "transactions[" + i + "]", "the node has no raw transaction at "
                        + "index " + i + " of block " + hash + " (answered " + raw + "); it may have reorged: retry");
            }
            Transaction tx;
            try {
                // Anvil answers with a blob transaction's network form (sidecar included); the block holds it without.
                tx = Transaction.decode(Transaction.canonicalForm(Hex.bytes(raw.asText())));
            } catch (IllegalArgumentException e) {
                throw new BlockMismatchException(n, "transactions[" + i + "]", "the raw transaction does not "
                        + "decode: " + e.getMessage());
            }
            JsonNode listedHash = listed.get(i).isTextual() ? listed.get(i) : listed.get(i).path("hash");
            if (!Hex.data(tx.hash()).equals(listedHash.asText().toLowerCase())) {
                throw new BlockMismatchException(n, "transactions[" + i + "]", "the raw transaction hashes to "
                        + Hex.data(tx.hash()) + ", the block lists " + listedHash.asText());
            }
            txs.add(tx);
            trie.put(Rlp.encode(Rlp.uint(i)), tx.encoded());
        }
        requireRoot(n, "transactionsRoot", trie.root(), header.txRoot());
        return txs;
    }

    private List<RlpType> uncles(JsonNode json, Header header, String hash) {
        long n = header.number();
        JsonNode listed = json.path("uncles");
        List<RlpType> uncles = new ArrayList<>();
        for (int i = 0; i < listed.size(); i++) {
            JsonNode uncle = node.call("eth_getUncleByBlockHashAndIndex", hash, Hex.quantity(i));
            if (uncle.isNull()) {
                throw new BlockMismatchException(n, "uncles[" + i + "]", "the node has no uncle " + i + " of block "
                        + hash + "; it may have reorged: retry");
            }
            uncles.add(RlpDecoder.decode(HeaderJson.decode(uncle).rlp()).getValues().get(0));
        }
        requireRoot(n, "sha3Uncles", Hash.sha3(Rlp.encodeList(uncles)), header.uncleHash());
        return uncles;
    }

    /** The withdrawals as a body holds them, or {@code null} for a block before Shanghai. */
    private static RlpList withdrawals(JsonNode json, Header header) {
        long n = header.number();
        JsonNode listed = json.get("withdrawals");
        if (header.withdrawalsRoot() == null) {
            if (listed != null && !listed.isNull() && !listed.isEmpty()) {
                throw new BlockMismatchException(n, "withdrawals", "the block has withdrawals but its header no "
                        + "withdrawalsRoot");
            }
            return null;
        }
        if (listed == null || !listed.isArray()) {
            throw new BlockMismatchException(n, "withdrawals", "the header has a withdrawalsRoot but the node's JSON "
                    + "lists no withdrawals");
        }
        List<RlpType> items = new ArrayList<>();
        TrieBuilder trie = new TrieBuilder();
        for (int i = 0; i < listed.size(); i++) {
            JsonNode w = listed.get(i);
            RlpList item = new RlpList(Rlp.uint(HeaderJson.quantity(w, n, "index")),
                    Rlp.uint(HeaderJson.quantity(w, n, "validatorIndex")),
                    Rlp.string(HeaderJson.data(w, n, "address", 20)), Rlp.uint(HeaderJson.quantity(w, n, "amount")));
            items.add(item);
            trie.put(Rlp.encode(Rlp.uint(i)), Rlp.encode(item));
        }
        requireRoot(n, "withdrawalsRoot", trie.root(), header.withdrawalsRoot());
        return new RlpList(items);
    }

    private List<Receipt> receipts(Header header, String hash, List<Transaction> txs) {
        long n = header.number();
        JsonNode listed = node.call("eth_getBlockReceipts", hash);
        if (!listed.isArray() || listed.size() != txs.size()) {
            throw new BlockMismatchException(n, "receipts", "eth_getBlockReceipts(" + hash + ") answered "
                    + (listed.isArray() ? listed.size() + " receipts" : listed.toString()) + " for " + txs.size()
                    + " transactions");
        }
        List<Receipt> receipts = new ArrayList<>(txs.size());
        for (int i = 0; i < txs.size(); i++) {
            JsonNode r = listed.get(i);
            String where = "receipts[" + i + "]";
            if (!Hex.data(txs.get(i).hash()).equals(r.path("transactionHash").asText().toLowerCase())) {
                throw new BlockMismatchException(n, where + ".transactionHash", "is " + r.path("transactionHash")
                        + ", the transaction is " + Hex.data(txs.get(i).hash()));
            }
            BigInteger status = HeaderJson.optionalQuantity(r, n, "status");
            byte[] root = r.hasNonNull("root") ? HeaderJson.data(r, n, "root", 32) : null;
            if (status == null && root == null) {
                throw new BlockMismatchException(n, where, "has neither status nor root");
            }
            List<Log> logs = new ArrayList<>();
            for (JsonNode log : r.path("logs")) {
                List<byte[]> topics = new ArrayList<>();
                for (JsonNode t : log.path("topics")) {
                    topics.add(Hex.bytes(t.asText()));
                }
                logs.add(new Log(HeaderJson.data(log, n, "address", 20), topics, HeaderJson.data(log, n, "data", -1)));
            }
            receipts.add(new Receipt(txs.get(i).type(), root, status == null ? 0 : status.intValueExact(),
                    HeaderJson.quantity(r, n, "cumulativeGasUsed").longValueExact(), logs));
        }
        requireRoot(n, "receiptsRoot", Receipt.trieRoot(receipts), header.receiptRoot());
        return receipts;
    }

    private static void requireRoot(long number, String field, byte[] computed, byte[] header) {
        if (!Arrays.equals(computed, header)) {
            throw new BlockMismatchException(number, field, "the node's data gives " + Hex.data(computed)
                    + ", the header says " + Hex.data(header) + "; the node is inconsistent or reorged mid-read: "
                    + "retry, and if it persists report the node");
        }
    }
}
