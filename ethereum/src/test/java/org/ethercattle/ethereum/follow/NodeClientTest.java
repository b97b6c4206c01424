package org.ethercattle.ethereum.follow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.ethercattle.ethereum.anvil.Anvil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The follower's JSON-RPC client: errors are answers, batches keep their order, only unreachability is retried. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodeClientTest {

    private static final RetryPolicy PATIENT = new RetryPolicy(Duration.ofMillis(10), Duration.ofMillis(50),
            Duration.ofSeconds(5));

    private Anvil anvil;

    @BeforeAll
    void start() {
        anvil = Anvil.start();
    }

    @AfterAll
    void stop() {
        anvil.close();
    }

    @Test
    @DisplayName("a JSON-RPC error is not retried: it fails with the node's code and names the method")
    void errorsAreAnswers() {
        NodeClient client = new NodeClient(URI.create(anvil.url()), RequestRate.unbounded(), PATIENT);

        assertThatThrownBy(() -> client.call("cattle_noSuchMethod")).isInstanceOf(NodeException.class)
                .hasMessageContaining("cattle_noSuchMethod")
                .satisfies(e -> assertThat(((NodeException) e).code()).isEqualTo(-32601));
    }

    @Test
    @DisplayName("callEach answers in request order, across more calls than one batch holds")
    void batchesKeepOrder() {
        NodeClient client = new NodeClient(URI.create(anvil.url()), RequestRate.unbounded(), PATIENT);
        anvil.rpc("anvil_mine", "[\"0x3\"]");
        List<List<Object>> calls = new ArrayList<>();
        for (int i = 0; i < NodeClient.BATCH_LIMIT + 50; i++) {
            calls.add(List.of("0x" + Integer.toHexString(i % 4), false));
        }

        List<JsonNode> blocks = client.callEach("eth_getBlockByNumber", calls);

        assertThat(blocks).hasSize(calls.size());
        for (int i = 0; i < blocks.size(); i++) {
            assertThat(blocks.get(i).path("number").asText()).isEqualTo("0x" + Integer.toHexString(i % 4));
        }
    }

    @Test
    @DisplayName("an HTTP 404 is a wrong URL, not a node that is down: it fails at once, naming the status")
    void notFoundIsNotRetried() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
        try {
            NodeClient client = new NodeClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                    RequestRate.unbounded(), RetryPolicy.FOLLOWER);
            assertThatThrownBy(() -> client.call("eth_blockNumber")).isInstanceOf(NodeException.class)
                    .hasMessageContaining("HTTP 404").hasMessageContaining("check the URL");
        } finally {
            server.stop(0);
        }
    }

    @Test
    @DisplayName("a request rate must be positive, and a node URL must be http(s)")
    void refusesNonsense() {
        assertThatThrownBy(() -> RequestRate.perSecond(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be positive");
        assertThatThrownBy(() -> new NodeClient(URI.create("ws://127.0.0.1:8546"), RequestRate.unbounded(), PATIENT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HTTP JSON-RPC endpoint");
    }
}
