package org.ethercattle.ethereum.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ethercattle.ethereum.rpc.Param;
import org.ethercattle.ethereum.rpc.ParamType;
import org.ethercattle.ethereum.rpc.Params;
import org.ethercattle.ethereum.rpc.RpcException;
import org.ethercattle.ethereum.rpc.RpcMethods;

/**
 * The node a replica forwards what it cannot compute to ({@code --rpc-upstream URL}): the methods that need an
 * EVM or a transaction pool, {@link #FORWARDED}. Each is registered with its geth arity (all parameters optional
 * JSON, so the node, not the replica, judges their content) and forwarded as sent; the node's answer is returned
 * unchanged, its error too (code, message and data), and every call is counted in {@link #counters()}.
 *
 * <p>Without an upstream ({@link #none()}) the same methods answer -32601 with geth's "does not exist/is not
 * available" text followed by the flag that would enable them. Thread-safe.
 */
public final class Upstream {

    /** The forwarded methods with the number of positional parameters geth declares for each. */
    public static final Map<String, Integer> FORWARDED = forwarded();

    private final JsonRpcClient client;
    private final UpstreamCounters counters = new UpstreamCounters(FORWARDED.keySet());

    private Upstream(JsonRpcClient client) {
        this.client = client;
    }

    /** No upstream: the forwarded methods answer -32601 naming {@code --rpc-upstream}. */
    public static Upstream none() {
        return new Upstream(null);
    }

    /**
     * Forwards to the node at {@code url}.
     *
     * @param timeout how long one forwarded call may take (traces can be slow: allow for them)
     */
    public static Upstream to(URI url, Duration timeout) {
        return new Upstream(new JsonRpcClient(url, timeout));
    }

    /** The node forwarded to, if any. */
    public Optional<URI> url() {
        return client == null ? Optional.empty() : Optional.of(client.url());
    }

    /** The per-method counts of forwarded calls (all zero without an upstream). */
    public UpstreamCounters counters() {
        return counters;
    }

    /** What a forwarded method answers without an upstream. */
    public static String notAvailable(String method) {
        return "the method " + method + " does not exist/is not available: a replica cannot execute it; start "
                + "the replica with --rpc-upstream URL to forward it to a node";
    }

    /** Registers every method of {@link #FORWARDED}. */
    public void register(RpcMethods methods) {
        FORWARDED.forEach((method, arity) -> methods.register(method,
                Collections.nCopies(arity, Param.optional(ParamType.JSON)), params -> forward(method, params)));
    }

    private Object forward(String method, Params params) throws RpcException {
        if (client == null) {
            throw new RpcException(RpcException.METHOD_NOT_FOUND, notAvailable(method));
        }
        counters.countForwarded(method);
        try {
            return client.call(method, asSent(params));
        } catch (RpcException e) {
            counters.countError(method);
            throw e;
        } catch (IOException e) {
            counters.countFailure(method);
            throw RpcException.serverError(method + " could not be forwarded: the upstream " + client.url()
                    + " did not answer (" + e.getMessage() + "); check that the node behind --rpc-upstream is up");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            counters.countFailure(method);
            throw RpcException.serverError(method + " could not be forwarded: the server is stopping");
        }
    }

    /** The parameters as the client sent them; trailing nulls left out, which geth reads as missing. */
    private static ArrayNode asSent(Params params) {
        List<JsonNode> values = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            values.add(params.present(i) ? params.node(i) : JsonNodeFactory.instance.nullNode());
        }
        int end = values.size();
        while (end > 0 && values.get(end - 1).isNull()) {
            end--;
        }
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        values.subList(0, end).forEach(array::add);
        return array;
    }

    private static Map<String, Integer> forwarded() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("eth_call", 4); // args, block, state overrides, block overrides
        m.put("eth_estimateGas", 4);
        m.put("eth_createAccessList", 3);
        m.put("eth_simulateV1", 2);
        m.put("debug_traceTransaction", 2);
        m.put("debug_traceBlockByNumber", 2);
        m.put("debug_traceBlockByHash", 2);
        m.put("debug_traceBlock", 2);
        m.put("debug_traceCall", 3);
        m.put("txpool_content", 0);
        m.put("txpool_contentFrom", 1);
        m.put("txpool_status", 0);
        m.put("txpool_inspect", 0);
        return Collections.unmodifiableMap(m);
    }
}
