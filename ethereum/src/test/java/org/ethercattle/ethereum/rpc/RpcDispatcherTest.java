package org.ethercattle.ethereum.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ethercattle.ethereum.rpc.Param.required;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The JSON-RPC envelope is answered byte for byte as geth's rpc package answers it. */
class RpcDispatcherTest {

    private final AtomicInteger notified = new AtomicInteger();
    private final RpcMethods methods = new RpcMethods()
            .register("test_echo", List.of(required(ParamType.JSON)), p -> p.node(0))
            .register("test_notify", List.of(), p -> notified.incrementAndGet())
            .register("test_fail", List.of(), p -> {
                throw new RpcException(3, "execution reverted", "0x08c3");
            })
            .register("test_crash", List.of(), p -> {
                throw new IllegalStateException("secret internals");
            })
            .register("test_ordered", List.of(), p -> {
                ObjectNode node = new ObjectMapper().createObjectNode();
                node.put("zeta", 1).put("alpha", "<&>");
                Map<String, Object> map = new LinkedHashMap<>();
                map.put("z", 1);
                map.put("a", 2);
                node.putPOJO("map", map);
                return node;
            })
            .register("test_big", List.of(), p -> "x".repeat(100));

    private String answer(RpcLimits limits, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return new RpcDispatcher(methods, limits).handle(bytes, bytes.length)
                .map(b -> new String(b, StandardCharsets.UTF_8)).orElse("<none>");
    }

    private String answer(String body) {
        return answer(RpcLimits.GETH_DEFAULTS, body);
    }

    @Test
    @DisplayName("invalid JSON is geth's parse error, with id null and no newline")
    void parseError() {
        assertThat(answer("{\"jsonrpc\":"))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"parse error\"}}");
    }

    @Test
    @DisplayName("an empty body gets no answer; text after the first value is ignored")
    void emptyAndTrailing() {
        assertThat(answer("  ")).isEqualTo("<none>");
        assertThat(answer("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test_echo\",\"params\":[1]} garbage"))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":1}\n");
    }

    @Test
    @DisplayName("a call is answered with its id verbatim, a notification not at all")
    void callsAndNotifications() {
        assertThat(answer("{\"jsonrpc\":\"2.0\",\"id\":\"abc\",\"method\":\"test_echo\",\"params\":[{\"b\":1,\"a\":2}]}"))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":\"abc\",\"result\":{\"b\":1,\"a\":2}}\n");
        assertThat(answer("{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"test_echo\",\"params\":[null]}"))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":null,\"result\":null}\n");
        assertThat(answer("{\"jsonrpc\":\"2.0\",\"method\":\"test_notify\"}")).isEqualTo("<none>");
        assertThat(notified).hasValue(1);
    }

    @Test
    @DisplayName("messages that are not calls are invalid requests; responses are dropped")
    void invalidRequests() {
        assertThat(answer("{\"id\":7,\"method\":\"test_echo\"}"))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":7,\"error\":{\"code\":-32600,\"message\":\"invalid request\"}}\n");
        assertThat(answer("{\"jsonrpc\":\"2.0\",\"id\":[1],\"method\":\"test_echo\"}"))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"invalid request\"}}\n");
        assertThat(answer("5"))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"invalid request\"}}\n");
        assertThat(answer("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":5}")).isEqualTo("<none>");
    }

    @Test
    @DisplayName("unknown methods, subscriptions and bad params get geth's codes and texts")
    void methodErrors() {
        assertThat(answer("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_nope\"}")).isEqualTo(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32601,\"message\":\"the method eth_nope does not exist/is not available\"}}\n");
        assertThat(answer("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_subscribe\",\"params\":[\"newHeads\"]}")).isEqualTo(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32601,\"message\":\"notifications not supported\"}}\n");
        assertThat(answer("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_unsubscribe\",\"params\":[\"0x1\"]}")).isEqualTo(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32000,\"message\":\"subscription not found\"}}\n");
        assertThat(answer("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test_echo\",\"params\":[1,2]}")).isEqualTo(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32602,\"message\":\"too many arguments, want at most 1\"}}\n");
    }

    @Test
    @DisplayName("an RpcException carries its code and data; a crash is -32603 without internals")
    void methodFailures() {
        assertThat(answer("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test_fail\"}")).isEqualTo(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":3,\"message\":\"execution reverted\",\"data\":\"0x08c3\"}}\n");
        assertThat(answer("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test_crash\"}")).isEqualTo(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32603,\"message\":\"method handler crashed\"}}\n");
    }

    @Test
    @DisplayName("results keep their field order and are HTML-escaped as Go's encoder does")
    void resultEncoding() {
        assertThat(answer("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test_ordered\"}")).isEqualTo(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"zeta\":1,\"alpha\":\"\\u003c\\u0026\\u003e\",\"map\":{\"z\":1,\"a\":2}}}\n");
    }

    @Test
    @DisplayName("rpc_modules lists every namespace with version 1.0, sorted")
    void modules() {
        assertThat(answer("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"rpc_modules\"}"))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"rpc\":\"1.0\",\"test\":\"1.0\"}}\n");
    }

    @Test
    @DisplayName("a batch is answered in order without its notifications")
    void batch() {
        assertThat(answer("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test_echo\",\"params\":[\"a\"]},"
                + "{\"jsonrpc\":\"2.0\",\"method\":\"test_notify\"},"
                + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"nope_x\"}, 7]")).isEqualTo("["
                + "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"a\"},"
                + "{\"jsonrpc\":\"2.0\",\"id\":2,\"error\":{\"code\":-32601,\"message\":\"the method nope_x does not exist/is not available\"}},"
                + "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"invalid request\"}}]\n");
        assertThat(answer("[{\"jsonrpc\":\"2.0\",\"method\":\"test_notify\"}]")).isEqualTo("<none>");
    }

    @Test
    @DisplayName("an empty batch and a batch over the item limit are refused whole")
    void batchLimits() {
        assertThat(answer("[]"))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"empty batch\"}}");
        String three = "[{\"jsonrpc\":\"2.0\",\"method\":\"test_notify\"},"
                + "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"test_big\"},{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"test_big\"}]";
        assertThat(answer(new RpcLimits(1 << 20, 2, 0), three))
                .isEqualTo("[{\"jsonrpc\":\"2.0\",\"id\":5,\"error\":{\"code\":-32600,\"message\":\"batch too large\"}}]");
    }

    @Test
    @DisplayName("once a batch's results pass the byte limit, the calls after are 'response too large'")
    void batchResponseLimit() {
        String body = "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test_big\"},{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"test_big\"},"
                + "{\"jsonrpc\":\"2.0\",\"method\":\"test_big\"},{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"test_big\"}]";
        String big = "\"" + "x".repeat(100) + "\"";
        assertThat(answer(new RpcLimits(1 << 20, 1000, 150), body)).isEqualTo("["
                + "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":" + big + "},"
                + "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":" + big + "},"
                + "{\"jsonrpc\":\"2.0\",\"id\":3,\"error\":{\"code\":-32003,\"message\":\"response too large\"}}]");
    }
}
