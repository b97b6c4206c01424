package org.ethercattle.ethereum.eth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import org.ethercattle.ethereum.rpc.BlockNumber;
import org.ethercattle.ethereum.rpc.Param;
import org.ethercattle.ethereum.rpc.ParamType;
import org.ethercattle.ethereum.rpc.Params;
import org.ethercattle.ethereum.rpc.RpcException;

/**
 * The block range of an {@code eth_newFilter} filter in geth's {@code rpc.BlockNumber} numbering, where a tag is a
 * negative number (earliest -5, safe -4, finalized -3, latest -2, pending -1), checked as geth's
 * {@code EventSystem.SubscribeLogs} checks it: both latest (live logs only), two numbers in order, or a number then
 * latest. A live log is held to the bounds that are numbers; a tag bounds nothing.
 *
 * @param from the start (latest when the filter names none)
 * @param to the end (latest when the filter names none)
 */
record FilterRange(long from, long to) {

    static final long EARLIEST = -5;
    static final long SAFE = -4;
    static final long FINALIZED = -3;
    static final long LATEST = -2;
    static final long PENDING = -1;

    /**
     * The range of {@code filter}, with geth's errors: "pending logs are not supported" for a pending bound and
     * "invalid block range params" for any other combination geth refuses.
     */
    static FilterRange of(LogFilter filter) throws RpcException {
        long from = number(filter.fromBlock());
        long to = number(filter.toBlock());
        if (from == PENDING || to == PENDING) {
            throw RpcException.serverError("pending logs are not supported");
        }
        boolean live = from == LATEST && to == LATEST;
        boolean bounded = from >= 0 && to >= 0 && to >= from;
        boolean openEnded = from >= 0 && to == LATEST;
        if (!live && !bounded && !openEnded) {
            throw RpcException.serverError("invalid block range params");
        }
        return new FilterRange(from, to);
    }

    /** Whether a live log of block {@code number} is within the range. */
    boolean holds(long number) {
        return (from < 0 || number >= from) && (to < 0 || number <= to);
    }

    private static long number(JsonNode name) throws RpcException {
        if (name == null) {
            return LATEST;
        }
        BlockNumber n = Params.decode(JsonNodeFactory.instance.arrayNode().add(name),
                List.of(Param.required(ParamType.BLOCK_NUMBER))).blockNumber(0);
        return switch (n.tag()) {
            case NUMBER -> n.number();
            case EARLIEST -> EARLIEST;
            case SAFE -> SAFE;
            case FINALIZED -> FINALIZED;
            case LATEST -> LATEST;
            case PENDING -> PENDING;
        };
    }
}
