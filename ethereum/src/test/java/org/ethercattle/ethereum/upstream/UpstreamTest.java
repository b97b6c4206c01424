package org.ethercattle.ethereum.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.ethercattle.ethereum.anvil.Anvil;
import org.ethercattle.ethereum.rpc.CorsPolicy;
import org.ethercattle.ethereum.rpc.RpcLimits;
import org.ethercattle.ethereum.rpc.RpcMethods;
import org.ethercattle.ethereum.rpc.RpcServer;
import org.ethercattle.ethereum.rpc.VirtualHosts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code --rpc-upstream} against a real node (Anvil): the forwarded methods answer exactly what the node answers,
 * results and errors alike, and are counted per method; without an upstream they answer -32601 naming the flag;
 * with the upstream down, an error naming it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UpstreamTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String DEV = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
    private final HttpClient http = HttpClient.newHttpClient();
    private Anvil anvil;
    private Upstream upstream;
    private RpcServer forwarding;
    private RpcServer alone;

    @BeforeAll
    void start() throws Exception {
        anvil = Anvil.start();
        upstream = Upstream.to(URI.create(anvil.url()), Duration.ofSeconds(30));
        forwarding = serve(upstream);
        alone = serve(Upstream.none());
    }

    private static RpcServer serve(Upstream upstream) throws Exception {
        RpcMethods methods = new RpcMethods();
        upstream.register(methods);
        return RpcServer.start("127.0.0.1", 0, methods, RpcLimits.GETH_DEFAULTS, CorsPolicy.DISABLED,
                VirtualHosts.GETH_DEFAULT);
    }

    @AfterAll
    void stop() {
        forwarding.close();
        alone.close();
        anvil.close();
    }

    @Test
    @DisplayName("eth_estimateGas, eth_call, eth_createAccessList and txpool_status answer as the node answers")
    void resultsAsTheNodeAnswers() throws Exception {
        String transfer = "{\"from\":\"" + DEV + "\",\"to\":\"0x000000000000000000000000000000000000dead\","
                + "\"value\":\"0x1\"}";
        long before = upstream.counters().forwarded("eth_estimateGas");
        for (String[] call : new String[][] {{"eth_estimateGas", "[" + transfer + "]"},
                {"eth_call", "[" + transfer + ",\"latest\"]"}, {"eth_createAccessList", "[" + transfer + "]"},
                {"txpool_status", "[]"}}) {
            JsonNode viaReplica = send(forwarding, call[0], call[1]);
            JsonNode direct = send(anvil.url(), call[0], call[1]);
            assertThat(viaReplica).as(call[0]).isEqualTo(direct);
            assertThat(viaReplica.has("result")).as("%s answered %s", call[0], viaReplica).isTrue();
        }
        assertThat(send(forwarding, "eth_estimateGas", "[" + transfer + "]").path("result").asText())
                .isEqualTo("0x5208");
        assertThat(upstream.counters().forwarded("eth_estimateGas")).isEqualTo(before + 2);
    }

    @Test
    @DisplayName("the node's error is passed through unchanged (code, message, data) and counted as an error")
    void errorsPassThrough() throws Exception {
        // A call that reverts: the code PUSH1 0 PUSH1 0 REVERT, deployed as init code by a call without "to".
        String reverting = "[{\"from\":\"" + DEV + "\",\"data\":\"0x60006000fd\"},\"latest\"]";
        long errors = upstream.counters().errors("eth_call");

        JsonNode viaReplica = send(forwarding, "eth_call", reverting);

        assertThat(viaReplica.has("error")).as("answered %s", viaReplica).isTrue();
        assertThat(viaReplica).isEqualTo(send(anvil.url(), "eth_call", reverting));
        assertThat(upstream.counters().errors("eth_call")).isEqualTo(errors + 1);
    }

    @Test
    @DisplayName("without an upstream every forwarded method answers -32601 naming --rpc-upstream")
    void withoutAnUpstream() throws Exception {
        for (String method : Upstream.FORWARDED.keySet()) {
            JsonNode answer = send(alone, method, "[]");
            assertThat(answer.path("error").path("code").asInt()).as(method).isEqualTo(-32601);
            assertThat(answer.path("error").path("message").asText()).as(method)
                    .startsWith("the method " + method + " does not exist/is not available")
                    .contains("--rpc-upstream URL");
        }
    }

    @Test
    @DisplayName("an upstream that does not answer: -32000 naming its URL and the flag, counted as a failure")
    void upstreamDown() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Upstream down = Upstream.to(URI.create("http://127.0.0.1:" + port), Duration.ofSeconds(5));
        try (RpcServer server = serve(down)) {
            JsonNode answer = send(server, "txpool_status", "[]");
            assertThat(answer.path("error").path("code").asInt()).isEqualTo(-32000);
            assertThat(answer.path("error").path("message").asText())
                    .startsWith("txpool_status could not be forwarded: the upstream http://127.0.0.1:" + port)
                    .contains("--rpc-upstream");
            assertThat(down.counters().failures("txpool_status")).isEqualTo(1);
            assertThat(down.counters().forwarded("txpool_status")).isEqualTo(1);
        }
    }

    private JsonNode send(RpcServer server, String method, String params) throws Exception {
        return send("http://127.0.0.1:" + server.port(), method, params);
    }

    private JsonNode send(String url, String method, String params) throws Exception {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"" + method + "\",\"params\":" + params + "}";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        return MAPPER.readTree(r.body());
    }
}
