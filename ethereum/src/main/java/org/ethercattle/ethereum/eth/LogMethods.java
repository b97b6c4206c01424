package org.ethercattle.ethereum.eth;

import static org.ethercattle.ethereum.rpc.Param.required;
import static org.ethercattle.ethereum.rpc.ParamType.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;
import java.util.Optional;
import org.ethercattle.ethereum.rpc.BlockNumber;
import org.ethercattle.ethereum.rpc.Param;
import org.ethercattle.ethereum.rpc.ParamType;
import org.ethercattle.ethereum.rpc.Params;
import org.ethercattle.ethereum.rpc.RpcException;
import org.ethercattle.ethereum.rpc.RpcMethods;
import org.ethercattle.ethereum.types.Block;
import org.ethercattle.ethereum.types.Header;
import org.ethercattle.ethereum.types.Log;
import org.ethercattle.ethereum.types.Receipt;

/**
 * {@code eth_getLogs}: the logs of a block or a range of canonical blocks that match a {@link LogFilter}, in chain
 * order, with geth's errors. A block whose header bloom rules the filter out is skipped without reading its
 * receipts. Two limits protect the replica from one request that would scan the whole chain: the range's length
 * and the number of logs returned ({@link LogLimits}).
 */
public final class LogMethods {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ChainView chain;
    private final LogLimits limits;

    /** Log methods over {@code chain}, bounded by {@code limits}. */
    public LogMethods(ChainView chain, LogLimits limits) {
        this.chain = chain;
        this.limits = limits;
    }

    /** Registers {@code eth_getLogs} into {@code methods}. */
    public void register(RpcMethods methods) {
        methods.register("eth_getLogs", List.of(required(JSON)), this::getLogs);
    }

    private Object getLogs(Params p) throws RpcException {
        return logs(LogFilter.parse(p.node(0)));
    }

    /**
     * The logs {@code filter} selects now, as {@code eth_getLogs} answers them (also {@code eth_getFilterLogs}'s
     * answer), within this server's limits.
     */
    ArrayNode logs(LogFilter filter) throws RpcException {
        ArrayNode out = MAPPER.createArrayNode();
        if (filter.blockHash() != null) {
            Optional<Block> block = chain.block(chain.header(filter.blockHash()));
            if (block.isEmpty()) {
                throw RpcException.serverError("unknown block");
            }
            collect(block.get(), filter, out);
            return out;
        }
        Header head = chain.latest();
        long from = resolve(filter.fromBlock(), 0, head);
        long to = resolve(filter.toBlock(), 1, head);
        if (from > to) {
            throw RpcException.serverError("invalid block range");
        }
        to = Math.min(to, head.number());
        if (from > to) {
            return out;
        }
        if (limits.maxBlockRange() > 0 && to - from + 1 > limits.maxBlockRange()) {
            throw RpcException.serverError("block range of " + (to - from + 1) + " blocks exceeds this server's "
                    + "limit of " + limits.maxBlockRange() + " (--rpc-logs-max-range); query a narrower range");
        }
        for (long n = from; n <= to; n++) {
            Optional<Header> h = chain.reader().canonicalHeader(n);
            if (h.isEmpty()) {
                break;
            }
            if (filter.mayMatch(h.get().bloom())) {
                collect(chain.block(h).orElseThrow(), filter, out);
            }
        }
        return out;
    }

    private void collect(Block block, LogFilter filter, ArrayNode out) throws RpcException {
        List<Receipt> receipts = StoredReceipts.of(chain.reader(), block);
        int logIndex = 0;
        for (int i = 0; i < receipts.size(); i++) {
            for (Log log : receipts.get(i).logs()) {
                if (filter.matches(log)) {
                    if (limits.maxResults() > 0 && out.size() >= limits.maxResults()) {
                        throw RpcException.serverError("query returned more than " + limits.maxResults()
                                + " results (--rpc-logs-max-results); query a narrower range");
                    }
                    out.add(ReceiptJson.log(log, block.header(), block.body().transactions().get(i).hash(), i,
                            logIndex));
                }
                logIndex++;
            }
        }
    }

    private long resolve(JsonNode name, int argument, Header head) throws RpcException {
        if (name == null) {
            return head.number();
        }
        BlockNumber number = Params.decode(MAPPER.createArrayNode().add(name),
                List.of(Param.required(ParamType.BLOCK_NUMBER))).blockNumber(0);
        return switch (number.tag()) {
            case NUMBER -> number.number();
            case EARLIEST -> 0;
            case LATEST -> head.number();
            case PENDING -> throw RpcException.serverError("pending logs are not supported");
            case SAFE, FINALIZED -> chain.header(number).orElseThrow().number();
        };
    }

    /**
     * Bounds on one {@code eth_getLogs} request; 0 means unbounded.
     *
     * @param maxBlockRange the most blocks a range may span
     * @param maxResults the most logs one answer may hold
     */
    public record LogLimits(long maxBlockRange, int maxResults) {

        /** Cattle's defaults: 10,000 blocks and 10,000 logs, the common provider limits. */
        public static final LogLimits DEFAULTS = new LogLimits(10_000, 10_000);
    }
}
