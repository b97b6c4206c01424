package org.ethercattle.ethereum.eth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.ethercattle.ethereum.rpc.BlockNumber;
import org.ethercattle.ethereum.rpc.Notifier;
import org.ethercattle.ethereum.rpc.Param;
import org.ethercattle.ethereum.rpc.ParamType;
import org.ethercattle.ethereum.rpc.Params;
import org.ethercattle.ethereum.rpc.RpcException;
import org.ethercattle.ethereum.rpc.SubscriptionSource;
import org.ethercattle.ethereum.types.Header;

/**
 * {@code eth_subscribe("logs", filter)}: one notification per matching log, each rendered as {@code eth_getLogs}
 * renders it. The filter is {@code eth_getLogs}'s ({@link LogFilter}: addresses and topics) with geth's subscription
 * rules for the range: no {@code toBlock} ("log subscription does not support history block range"); no
 * {@code fromBlock} for live logs only; a {@code fromBlock} number, {@code safe} or {@code finalized} first delivers
 * the matching logs from that block to the head, then live ones. On a reorg the logs of the removed blocks are sent
 * again with {@code "removed":true}, oldest block first, before the logs of the new branch, as geth sends them.
 */
final class LogsSubscription implements SubscriptionSource {

    private final HeadWatcher watcher;
    private final ChainView chain;
    private final long maxHistoryBlocks;

    /**
     * @param maxHistoryBlocks the most blocks a {@code fromBlock} history may span (eth_getLogs' range limit)
     */
    LogsSubscription(HeadWatcher watcher, ChainView chain, long maxHistoryBlocks) {
        this.watcher = watcher;
        this.chain = chain;
        this.maxHistoryBlocks = maxHistoryBlocks;
    }

    @Override
    public Runnable open(Params params, Notifier notifier) throws RpcException {
        LogFilter filter = asArgument1(params.node(1));
        if (filter.toBlock() != null) {
            throw RpcException.serverError("log subscription does not support history block range");
        }
        Delivery delivery = new Delivery(filter, notifier);
        if (filter.fromBlock() == null) {
            return watcher.subscribe(delivery::accept);
        }
        long from = fromNumber(filter.fromBlock());
        try {
            return watcher.subscribeFrom(from, maxHistoryBlocks <= 0 ? Long.MAX_VALUE : maxHistoryBlocks,
                    delivery::accept);
        } catch (IllegalArgumentException e) {
            throw RpcException.serverError(e.getMessage() + " (--rpc-logs-max-range); subscribe from a later block"
                    + " and fetch the older logs with eth_getLogs");
        }
    }

    /** geth decodes the filter as the subscription's argument 1 (argument 0 is the name). */
    private static LogFilter asArgument1(JsonNode crit) throws RpcException {
        try {
            return LogFilter.parse(crit);
        } catch (RpcException e) {
            String message = e.getMessage();
            if (message.startsWith("invalid argument 0: ")) {
                throw new RpcException(e.code(), "invalid argument 1: " + message.substring(20), e.data());
            }
            throw e;
        }
    }

    private long fromNumber(JsonNode node) throws RpcException {
        BlockNumber number;
        try {
            number = Params.decode(JsonNodeFactory.instance.arrayNode().add(node),
                    List.of(Param.required(ParamType.BLOCK_NUMBER))).blockNumber(0);
        } catch (RpcException e) {
            throw new RpcException(e.code(), e.getMessage().replaceFirst("^invalid argument 0: ", "invalid argument 1: "));
        }
        return switch (number.tag()) {
            case NUMBER -> number.number();
            case SAFE, FINALIZED -> chain.header(number).map(Header::number).orElseThrow();
            case LATEST, PENDING, EARLIEST -> throw RpcException.serverError(
                    "from block can be only a number, or \"safe\", or \"finalized\"");
        };
    }

    /** Sends one change's matching logs: removed ones first (flagged), then the new ones. */
    private record Delivery(LogFilter filter, Notifier notifier) {

        void accept(ChainChange change) {
            if (send(change.removed(), true)) {
                send(change.added(), false);
            }
        }

        private boolean send(List<ChainBlock> blocks, boolean removed) {
            for (ChainBlock block : blocks) {
                Header h = block.header();
                if (!filter.mayMatch(h.bloom())) {
                    continue;
                }
                for (ChainBlock.PlacedLog placed : block.logs()) {
                    if (!filter.matches(placed.log())) {
                        continue;
                    }
                    ObjectNode json = ReceiptJson.log(placed.log(), h, placed.txHash(), placed.txIndex(),
                            placed.logIndex());
                    json.put("removed", removed);
                    if (!notifier.send(json)) {
                        return false;
                    }
                }
            }
            return true;
        }
    }
}
