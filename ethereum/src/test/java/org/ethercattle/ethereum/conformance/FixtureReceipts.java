package org.ethercattle.ethereum.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ethercattle.api.Batch;
import org.ethercattle.api.Database;
import org.ethercattle.ethereum.rawdb.ChainWriter;
import org.ethercattle.ethereum.testchain.TestChain;
import org.ethercattle.ethereum.types.Block;
import org.ethercattle.ethereum.types.Hex;
import org.ethercattle.ethereum.types.Log;
import org.ethercattle.ethereum.types.Receipt;

/**
 * Stored receipts for the test chain's blocks whose every receipt some fixture shows (geth's answers to
 * eth_getBlockReceipts and eth_getTransactionReceipt, or its raw encodings from debug_getRawReceipts). Executing the chain is what would produce receipts, and no
 * EVM is at hand; but a receipt's consensus fields (status, cumulative gas, logs) are all a store holds, and the
 * block header commits to them: a block's receipts are written only when their trie root equals the header's
 * receiptsRoot. Every derived field the server then shows (gas used, contract address, prices, log positions,
 * bloom, raw encodings) is computed by the code under test and compared with geth's output.
 */
final class FixtureReceipts {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private FixtureReceipts() {}

    /** Writes the receipts of every fully covered block into {@code db}; returns the block numbers written. */
    static List<Long> seed(Database db, List<Fixture> fixtures) {
        Map<Long, Map<Integer, Receipt>> known = new TreeMap<>();
        List<Block> blocks = TestChain.blocks();
        for (Fixture f : fixtures) {
            if (f.method().equals("debug_getRawReceipts")) {
                for (Fixture.Exchange e : f.exchanges()) {
                    JsonNode result = read(e.response()).path("result");
                    if (!result.isArray()) {
                        continue;
                    }
                    long number = Hex.number(read(e.request()).path("params").path(0).asText()).longValue();
                    for (int i = 0; i < result.size(); i++) {
                        known.computeIfAbsent(number, n -> new TreeMap<>())
                                .put(i, Receipt.decodeConsensus(Hex.bytes(result.get(i).asText())));
                    }
                }
            }
            if (!f.method().equals("eth_getBlockReceipts") && !f.method().equals("eth_getTransactionReceipt")) {
                continue;
            }
            for (Fixture.Exchange e : f.exchanges()) {
                JsonNode result = read(e.response()).path("result");
                List<JsonNode> receipts = new ArrayList<>();
                if (result.isArray()) {
                    result.forEach(receipts::add);
                } else if (result.isObject()) {
                    receipts.add(result);
                }
                for (JsonNode r : receipts) {
                    long number = Hex.number(r.get("blockNumber").asText()).longValue();
                    int index = Hex.number(r.get("transactionIndex").asText()).intValue();
                    int type = blocks.get((int) number - 1).body().transactions().get(index).type();
                    known.computeIfAbsent(number, n -> new TreeMap<>()).put(index, receipt(type, r));
                }
            }
        }
        List<Long> written = new ArrayList<>();
        try (Batch batch = db.newBatch()) {
            for (Map.Entry<Long, Map<Integer, Receipt>> e : known.entrySet()) {
                Block block = blocks.get((int) (e.getKey() - 1));
                int txs = block.body().transactions().size();
                if (e.getValue().size() != txs) {
                    continue;
                }
                List<Receipt> receipts = new ArrayList<>(e.getValue().values());
                if (!Arrays.equals(Receipt.trieRoot(receipts), block.header().receiptRoot())) {
                    throw new IllegalStateException("fixture receipts of block " + e.getKey()
                            + " do not hash to its receiptsRoot: the receipt encoding is wrong");
                }
                new ChainWriter(batch).receipts(block.number(), block.hash(), Receipt.encodeStored(receipts));
                written.add(e.getKey());
            }
            batch.write();
        }
        return written;
    }

    private static Receipt receipt(int type, JsonNode r) {
        List<Log> logs = new ArrayList<>();
        for (JsonNode l : r.get("logs")) {
            List<byte[]> topics = new ArrayList<>();
            l.get("topics").forEach(t -> topics.add(Hex.bytes(t.asText())));
            logs.add(new Log(Hex.bytes(l.get("address").asText()), topics, Hex.bytes(l.get("data").asText())));
        }
        byte[] root = r.hasNonNull("root") ? Hex.bytes(r.get("root").asText()) : null;
        int status = r.hasNonNull("status") ? Hex.number(r.get("status").asText()).intValue() : 0;
        return new Receipt(type, root, status, Hex.number(r.get("cumulativeGasUsed").asText()).longValue(), logs);
    }

    private static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
