package org.ethercattle.ethereum.eth;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ethercattle.ethereum.rawdb.ChainReader;
import org.ethercattle.ethereum.rpc.RawJson;
import org.ethercattle.ethereum.rpc.RpcException;
import org.ethercattle.ethereum.types.Block;
import org.ethercattle.ethereum.types.Body;
import org.ethercattle.ethereum.types.Header;
import org.ethercattle.ethereum.types.Hex;
import org.ethercattle.ethereum.types.Log;
import org.ethercattle.ethereum.types.Receipt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A block that joined or left the canonical chain, as a {@link ChainChange} carries it: its header, and its logs
 * at their places, read from the store the first time a subscriber asks (one read however many subscribers) and
 * kept, and its header's JSON, likewise written once. A block whose body or receipts the store lacks has no logs, with a warning: its logs cannot be announced.
 * Thread-safe.
 */
public final class ChainBlock {

    private static final Logger LOG = LoggerFactory.getLogger(ChainBlock.class);

    private final ChainReader chain;
    private final Header header;
    private List<PlacedLog> logs;
    private RawJson headerJson;

    ChainBlock(ChainReader chain, Header header) {
        this.chain = chain;
        this.header = header;
    }

    /** The block's header. */
    public Header header() {
        return header;
    }

    /**
     * The header as {@code eth_getBlockByNumber} renders it ({@link BlockJson#header}), written once however many
     * subscribers it goes to.
     */
    public synchronized RawJson headerJson() {
        if (headerJson == null) {
            headerJson = RawJson.of(BlockJson.header(header));
        }
        return headerJson;
    }

    /** The block's logs in chain order (transaction, then log), each with its position; empty when unknown. */
    public synchronized List<PlacedLog> logs() {
        if (logs == null) {
            logs = read();
        }
        return logs;
    }

    private List<PlacedLog> read() {
        Optional<Body> body = chain.body(header.number(), header.hash());
        if (body.isEmpty()) {
            LOG.warn("block {} ({}) has no body in the store; its logs are not announced", header.number(),
                    Hex.data(header.hash()));
            return List.of();
        }
        Block block = new Block(header, body.get());
        List<Receipt> receipts;
        try {
            receipts = StoredReceipts.of(chain, block);
        } catch (RpcException e) {
            LOG.warn("{}; logs subscriptions miss its logs", e.getMessage());
            return List.of();
        }
        List<PlacedLog> out = new ArrayList<>();
        int logIndex = 0;
        for (int i = 0; i < receipts.size(); i++) {
            byte[] txHash = block.body().transactions().get(i).hash();
            for (Log log : receipts.get(i).logs()) {
                out.add(new PlacedLog(log, txHash, i, logIndex++));
            }
        }
        return List.copyOf(out);
    }

    /**
     * One log at its place in its block.
     *
     * @param log the log
     * @param txHash the hash of the transaction that emitted it
     * @param txIndex that transaction's index in the block
     * @param logIndex the log's index among all the block's logs
     */
    public record PlacedLog(Log log, byte[] txHash, int txIndex, int logIndex) {
    }
}
