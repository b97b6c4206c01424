package org.ethercattle.ethereum.eth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.ethercattle.core.memory.MemoryDatabase;
import org.ethercattle.ethereum.rawdb.Ancients;
import org.ethercattle.ethereum.rawdb.ChainReader;
import org.ethercattle.ethereum.rawdb.Schema;
import org.ethercattle.ethereum.rpc.CorsPolicy;
import org.ethercattle.ethereum.rpc.RpcLimits;
import org.ethercattle.ethereum.rpc.RpcMethods;
import org.ethercattle.ethereum.rpc.RpcServer;
import org.ethercattle.ethereum.rpc.VirtualHosts;
import org.ethercattle.ethereum.testchain.ImportedTestChain;
import org.ethercattle.ethereum.types.Block;
import org.ethercattle.ethereum.types.Header;
import org.ethercattle.ethereum.types.Hex;
import org.ethercattle.ethereum.types.Log;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The polling filters over HTTP, against a store a replica writes blocks into and whose head it moves, reorgs
 * included: what {@code eth_getFilterChanges} answers after each move, {@code eth_getFilterLogs}, uninstalling, geth's
 * errors, the deadline (on a clock the test turns) and the bound on live filters.
 */
class PollingFiltersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String A = "0x0000000000000000000000000000000000000001";

    private MemoryDatabase db;
    private CraftedChain crafted;
    private Header head;
    private final List<RpcServer> servers = new ArrayList<>();
    private RpcServer server;

    @BeforeEach
    void serve() throws IOException {
        db = MemoryDatabase.open();
        ImportedTestChain.importInto(db);
        crafted = new CraftedChain(db);
        head = new ChainReader(db, Ancients.none()).headMarker(Schema.HEAD_BLOCK).orElseThrow();
        server = start(EthereumApi.methods(db, Ancients.none()));
    }

    @AfterEach
    void stop() {
        servers.forEach(RpcServer::close);
        db.close();
    }

    private RpcServer start(RpcMethods methods) throws IOException {
        RpcServer s = RpcServer.start("127.0.0.1", 0, methods, RpcLimits.GETH_DEFAULTS, CorsPolicy.DISABLED,
                VirtualHosts.GETH_DEFAULT);
        servers.add(s);
        return s;
    }

    /** The whole answer of one call. */
    private static JsonNode call(RpcServer to, String method, String params) throws Exception {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + params + "}";
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + to.port() + "/"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return JSON.readTree(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body());
    }

    /** The result of a call that must succeed. */
    private static JsonNode result(RpcServer to, String method, String params) throws Exception {
        JsonNode answer = call(to, method, params);
        assertThat(answer.has("result")).as("%s answered %s", method, answer).isTrue();
        return answer.get("result");
    }

    private JsonNode result(String method, String params) throws Exception {
        return result(server, method, params);
    }

    /** The error of a call that must fail. */
    private static JsonNode error(RpcServer to, String method, String params) throws Exception {
        JsonNode answer = call(to, method, params);
        assertThat(answer.has("error")).as("%s answered %s", method, answer).isTrue();
        return answer.get("error");
    }

    private JsonNode error(String method, String params) throws Exception {
        return error(server, method, params);
    }

    private static String id(String filterId) {
        return "[\"" + filterId + "\"]";
    }

    private JsonNode changes(String filterId) throws Exception {
        return result("eth_getFilterChanges", id(filterId));
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** A log of a crafted block's first transaction, as eth_getLogs renders it, with {@code removed}. */
    private static JsonNode rendered(Log log, Block block, int logIndex, boolean removed) throws IOException {
        ObjectNode json = ReceiptJson.log(log, block.header(), block.body().transactions().get(0).hash(), 0, logIndex);
        json.put("removed", removed);
        return JSON.readTree(JSON.writeValueAsString(json));
    }

    @Test
    @DisplayName("filter ids look like subscription ids and differ")
    void ids() throws Exception {
        String block = result("eth_newBlockFilter", "[]").asText();
        String logs = result("eth_newFilter", "[{}]").asText();
        assertThat(block).matches("0x[1-9a-f][0-9a-f]{0,31}");
        assertThat(logs).matches("0x[1-9a-f][0-9a-f]{0,31}").isNotEqualTo(block);
    }

    @Test
    @DisplayName("a block filter answers hashes of the blocks that joined the chain since the last poll, oldest first")
    void blockFilter() throws Exception {
        String id = result("eth_newBlockFilter", "[]").asText();
        assertThat(changes(id)).as("nothing moved since creation").isEmpty();
        Block x1 = crafted.child(head, "x1", List.of());
        Block x2 = crafted.child(x1.header(), "x2", List.of());
        crafted.head(x2);
        assertThat(texts(changes(id))).containsExactly(Hex.data(x1.hash()), Hex.data(x2.hash()));
        assertThat(changes(id)).as("a poll consumes what it answered").isEmpty();
        Block y2 = crafted.child(x1.header(), "y2", List.of());
        Block y3 = crafted.child(y2.header(), "y3", List.of());
        crafted.head(y3);
        assertThat(texts(changes(id))).as("after a reorg: the new branch, nothing for the removed block")
                .containsExactly(Hex.data(y2.hash()), Hex.data(y3.hash()));
    }

    @Test
    @DisplayName("a log filter answers new matching logs, and on a reorg the removed ones flagged removed:true first")
    void logFilter() throws Exception {
        String id = result("eth_newFilter", "[{\"address\":\"" + A + "\"}]").asText();
        Log a1 = CraftedChain.log((byte) 1, (byte) 1, "a1");
        Log other = CraftedChain.log((byte) 2, (byte) 1, "other");
        Log a2 = CraftedChain.log((byte) 1, (byte) 2, "a2");
        Log b2 = CraftedChain.log((byte) 1, (byte) 3, "b2");
        Block x1 = crafted.child(head, "x1", List.of(other, a1));
        Block x2 = crafted.child(x1.header(), "x2", List.of(a2));
        crafted.head(x2);
        assertThat(changes(id)).containsExactly(rendered(a1, x1, 1, false), rendered(a2, x2, 0, false));
        assertThat(changes(id)).isEmpty();
        Block y2 = crafted.child(x1.header(), "y2", List.of(b2));
        Block y3 = crafted.child(y2.header(), "y3", List.of());
        crafted.head(y3);
        assertThat(changes(id)).containsExactly(rendered(a2, x2, 0, true), rendered(b2, y2, 0, false));
    }

    @Test
    @DisplayName("a log filter's numeric toBlock bounds its live logs too, as in geth")
    void liveRange() throws Exception {
        long next = head.number() + 1;
        String id = result("eth_newFilter", "[{\"fromBlock\":\"" + Hex.quantity(next) + "\",\"toBlock\":\""
                + Hex.quantity(next) + "\"}]").asText();
        Log in = CraftedChain.log((byte) 1, (byte) 1, "in");
        Log out = CraftedChain.log((byte) 1, (byte) 1, "out");
        Block x1 = crafted.child(head, "x1", List.of(in));
        Block x2 = crafted.child(x1.header(), "x2", List.of(out));
        crafted.head(x2);
        assertThat(changes(id)).containsExactly(rendered(in, x1, 0, false));
    }

    @Test
    @DisplayName("eth_getFilterLogs answers what eth_getLogs answers for the filter's criteria, and consumes nothing")
    void filterLogs() throws Exception {
        Log a1 = CraftedChain.log((byte) 1, (byte) 1, "a1");
        Log other = CraftedChain.log((byte) 2, (byte) 1, "other");
        Block x1 = crafted.child(head, "x1", List.of(a1, other));
        crafted.head(x1);
        String criteria = "{\"fromBlock\":\"" + Hex.quantity(head.number()) + "\",\"address\":\"" + A + "\"}";
        String id = result("eth_newFilter", "[" + criteria + "]").asText();
        JsonNode logs = result("eth_getFilterLogs", id(id));
        assertThat(logs).containsExactly(rendered(a1, x1, 0, false));
        assertThat(logs).isEqualTo(result("eth_getLogs", "[" + criteria + "]"));
        Log a2 = CraftedChain.log((byte) 1, (byte) 2, "a2");
        Block x2 = crafted.child(x1.header(), "x2", List.of(a2));
        crafted.head(x2);
        assertThat(result("eth_getFilterLogs", id(id))).containsExactly(rendered(a1, x1, 0, false),
                rendered(a2, x2, 0, false));
        assertThat(changes(id)).as("x1 was the head at creation; only x2 is new")
                .containsExactly(rendered(a2, x2, 0, false));
    }

    @Test
    @DisplayName("eth_uninstallFilter answers true once; after it, and for unknown ids, polling answers geth's error")
    void uninstall() throws Exception {
        String id = result("eth_newFilter", "[{}]").asText();
        String blocks = result("eth_newBlockFilter", "[]").asText();
        assertThat(result("eth_uninstallFilter", id(id)).asBoolean()).isTrue();
        assertThat(result("eth_uninstallFilter", id(id)).asBoolean()).isFalse();
        for (String method : List.of("eth_getFilterChanges", "eth_getFilterLogs")) {
            JsonNode e = error(method, id(id));
            assertThat(e.get("code").asInt()).isEqualTo(-32000);
            assertThat(e.get("message").asText()).isEqualTo("filter not found");
        }
        assertThat(error("eth_getFilterChanges", id("0x1234")).get("message").asText()).isEqualTo("filter not found");
        assertThat(error("eth_getFilterLogs", id(blocks)).get("message").asText())
                .as("a block filter has no logs").isEqualTo("filter not found");
        assertThat(changes(blocks)).as("the other filter is untouched").isEmpty();
    }

    @Test
    @DisplayName("eth_newFilter refuses the ranges geth refuses, with geth's texts")
    void ranges() throws Exception {
        assertThat(error("eth_newFilter", "[{\"fromBlock\":\"pending\"}]").get("message").asText())
                .isEqualTo("pending logs are not supported");
        for (String range : List.of("{\"fromBlock\":\"0x5\",\"toBlock\":\"0x2\"}", "{\"toBlock\":\"0x5\"}",
                "{\"fromBlock\":\"safe\"}", "{\"fromBlock\":\"earliest\"}")) {
            JsonNode e = error("eth_newFilter", "[" + range + "]");
            assertThat(e.get("code").asInt()).isEqualTo(-32000);
            assertThat(e.get("message").asText()).as(range).isEqualTo("invalid block range params");
        }
        assertThat(result("eth_newFilter", "[{\"fromBlock\":\"0x2\",\"toBlock\":\"0x5\"}]").asText()).startsWith("0x");
        assertThat(result("eth_newFilter", "[{\"fromBlock\":\"0x2\"}]").asText()).startsWith("0x");
        JsonNode topic = error("eth_newFilter", "[{\"topics\":[\"0x12\"]}]");
        assertThat(topic.get("code").asInt()).isEqualTo(-32602);
        assertThat(topic.get("message").asText()).isEqualTo("invalid argument 0: invalid topic(s)");
    }

    @Test
    @DisplayName("eth_newPendingTransactionFilter answers -32601: a replica has no transaction pool")
    void pendingTransactions() throws Exception {
        JsonNode e = error("eth_newPendingTransactionFilter", "[]");
        assertThat(e.get("code").asInt()).isEqualTo(-32601);
        assertThat(e.get("message").asText()).contains("no transaction pool");
    }

    /** Filters on a clock the test turns, with a bound of two filters. */
    @Nested
    class Deadlines {

        private Instant now = Instant.parse("2026-01-01T00:00:00Z");
        private RpcServer timed;

        @BeforeEach
        void serveTimed() throws IOException {
            ChainReader reader = new ChainReader(db, Ancients.none());
            RpcMethods methods = new RpcMethods();
            LogMethods logs = new LogMethods(new ChainView(reader), LogMethods.LogLimits.DEFAULTS);
            new PollingFilters(reader, logs, new PollingFilters.Limits(Duration.ofMinutes(5), 2), () -> now)
                    .register(methods);
            timed = start(methods);
        }

        private JsonNode poll(String id) throws Exception {
            return result(timed, "eth_getFilterChanges", id(id));
        }

        private String pollError(String id) throws Exception {
            return error(timed, "eth_getFilterChanges", id(id)).get("message").asText();
        }

        @Test
        @DisplayName("a filter expires 5 minutes after its creation or its last eth_getFilterChanges")
        void timeout() throws Exception {
            String id = result(timed, "eth_newBlockFilter", "[]").asText();
            now = now.plus(Duration.ofMinutes(4));
            assertThat(poll(id)).isEmpty();
            now = now.plus(Duration.ofMinutes(4));
            assertThat(poll(id)).as("the poll 4 minutes before renewed the deadline").isEmpty();
            now = now.plus(Duration.ofMinutes(5));
            assertThat(pollError(id)).isEqualTo("filter not found");
            assertThat(result(timed, "eth_uninstallFilter", id(id)).asBoolean()).isFalse();
        }

        @Test
        @DisplayName("eth_getFilterLogs does not renew the deadline, as in geth")
        void filterLogsDoNotRenew() throws Exception {
            String id = result(timed, "eth_newFilter", "[{}]").asText();
            now = now.plus(Duration.ofMinutes(4));
            assertThat(result(timed, "eth_getFilterLogs", id(id))).isEmpty();
            now = now.plus(Duration.ofMinutes(1));
            assertThat(error(timed, "eth_getFilterLogs", id(id)).get("message").asText()).isEqualTo("filter not found");
        }

        @Test
        @DisplayName("at the bound a new filter is refused with the fix; expired filters free their places")
        void bound() throws Exception {
            String first = result(timed, "eth_newBlockFilter", "[]").asText();
            result(timed, "eth_newFilter", "[{}]");
            JsonNode refused = error(timed, "eth_newBlockFilter", "[]");
            assertThat(refused.get("code").asInt()).isEqualTo(-32000);
            assertThat(refused.get("message").asText()).contains("at most 2").contains("eth_uninstallFilter");
            assertThat(result(timed, "eth_uninstallFilter", id(first)).asBoolean()).isTrue();
            result(timed, "eth_newBlockFilter", "[]");
            now = now.plus(Duration.ofMinutes(5));
            result(timed, "eth_newBlockFilter", "[]");
            result(timed, "eth_newBlockFilter", "[]");
        }
    }
}
