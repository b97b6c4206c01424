package org.ethercattle.ethereum.eth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.ethercattle.api.Database;
import org.ethercattle.ethereum.rawdb.ChainReader;
import org.ethercattle.ethereum.rawdb.Schema;
import org.ethercattle.ethereum.rpc.CorsPolicy;
import org.ethercattle.ethereum.rpc.RpcLimits;
import org.ethercattle.ethereum.rpc.RpcMethods;
import org.ethercattle.ethereum.rpc.RpcServer;
import org.ethercattle.ethereum.rpc.VirtualHosts;
import org.ethercattle.ethereum.rpc.WebSocketOptions;
import org.ethercattle.ethereum.rpc.WsClient;
import org.ethercattle.ethereum.testchain.ImportedTestChain;
import org.ethercattle.ethereum.types.Block;
import org.ethercattle.ethereum.types.Header;
import org.ethercattle.ethereum.types.Hex;
import org.ethercattle.ethereum.types.Log;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code eth_subscribe} over the RPC port's WebSocket, fed by blocks written into the store as a replica applies
 * them: newHeads and logs, reorgs included.
 */
class EthSubscriptionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String A = "0x0000000000000000000000000000000000000001";

    @TempDir
    Path dir;

    private Database db;
    private HeadWatcher watcher;
    private RpcServer server;
    private final List<WsClient> clients = new ArrayList<>();
    private CraftedChain crafted;
    private Header head;

    @BeforeEach
    void serve() throws IOException {
        db = ImportedTestChain.importInto(dir.resolve("db"));
        crafted = new CraftedChain(db);
        head = new ChainReader(db, null).headMarker(Schema.HEAD_BLOCK).orElseThrow();
        RpcMethods methods = EthereumApi.methods(db, null);
        watcher = EthereumApi.subscriptions(methods, db, null, Duration.ofMillis(10), LogMethods.LogLimits.DEFAULTS);
        server = RpcServer.start("127.0.0.1", 0, methods, RpcLimits.GETH_DEFAULTS, CorsPolicy.DISABLED,
                VirtualHosts.GETH_DEFAULT, WebSocketOptions.GETH_DEFAULTS);
    }

    @AfterEach
    void stop() {
        clients.forEach(WsClient::close);
        server.close();
        watcher.close();
        db.close();
    }

    private WsClient client() {
        WsClient client = WsClient.connect(server.port());
        clients.add(client);
        return client;
    }

    /** Subscribes and returns the subscription id. */
    private static String subscribe(WsClient ws, String params) throws Exception {
        JsonNode answer = JSON.readTree(ws.call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_subscribe\",\"params\":"
                + params + "}"));
        assertThat(answer.has("result")).as("subscribed: %s", answer).isTrue();
        return answer.get("result").asText();
    }

    /** The next notification's result, checking it belongs to {@code id}. */
    private static JsonNode result(WsClient ws, String id) throws Exception {
        JsonNode n = JSON.readTree(ws.next());
        assertThat(n.get("method").asText()).isEqualTo("eth_subscription");
        assertThat(n.get("params").get("subscription").asText()).isEqualTo(id);
        return n.get("params").get("result");
    }

    /** A log of the crafted block's first transaction, as eth_getLogs renders it, with {@code removed}. */
    private static JsonNode rendered(Log log, Block block, int logIndex, boolean removed) throws IOException {
        ObjectNode json = ReceiptJson.log(log, block.header(), block.body().transactions().get(0).hash(), 0, logIndex);
        json.put("removed", removed);
        return JSON.readTree(JSON.writeValueAsString(json));
    }

    @Test
    @DisplayName("the eth methods answer over the WebSocket as over HTTP")
    void methods() throws Exception {
        WsClient ws = client();
        assertThat(ws.call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_blockNumber\"}"))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"" + Hex.quantity(head.number()) + "\"}\n");
    }

    @Test
    @DisplayName("newHeads announces each block that becomes canonical, oldest first, as eth_getBlockByNumber's header")
    void newHeads() throws Exception {
        WsClient ws = client();
        String id = subscribe(ws, "[\"newHeads\"]");
        Block a = crafted.child(head, "a", List.of());
        Block b = crafted.child(a.header(), "b", List.of());
        crafted.head(b);
        for (Block expected : List.of(a, b)) {
            assertThat(result(ws, id)).isEqualTo(JSON.readTree(JSON.writeValueAsString(BlockJson.header(expected.header()))));
        }
        Block c = crafted.child(b.header(), "c", List.of());
        crafted.head(c);
        assertThat(result(ws, id).get("hash").asText()).isEqualTo(Hex.data(c.hash()));
    }

    @Test
    @DisplayName("logs announces each matching log as eth_getLogs renders it, and only matching ones")
    void logs() throws Exception {
        WsClient all = client();
        String everything = subscribe(all, "[\"logs\",{}]");
        WsClient onlyA = client();
        String ofA = subscribe(onlyA, "[\"logs\",{\"address\":\"" + A + "\"}]");
        Log a1 = CraftedChain.log((byte) 1, (byte) 7, "a1");
        Log b1 = CraftedChain.log((byte) 2, (byte) 7, "b1");
        Block x1 = crafted.child(head, "x1", List.of(b1, a1));
        crafted.head(x1);
        assertThat(result(all, everything)).isEqualTo(rendered(b1, x1, 0, false));
        assertThat(result(all, everything)).isEqualTo(rendered(a1, x1, 1, false));
        assertThat(result(onlyA, ofA)).isEqualTo(rendered(a1, x1, 1, false));
        JsonNode getLogs = JSON.readTree(all.call("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"eth_getLogs\","
                + "\"params\":[{\"blockHash\":\"" + Hex.data(x1.hash()) + "\",\"address\":\"" + A + "\"}]}"));
        assertThat(getLogs.get("result").get(0)).isEqualTo(rendered(a1, x1, 1, false));
        assertThat(onlyA.pending()).isZero();
    }

    @Test
    @DisplayName("on a reorg the removed blocks' logs come again with removed:true, oldest first, then the new branch's")
    void reorg() throws Exception {
        WsClient ws = client();
        String logs = subscribe(ws, "[\"logs\",{\"address\":\"" + A + "\"}]");
        WsClient heads = client();
        String newHeads = subscribe(heads, "[\"newHeads\"]");
        Log x1Log = CraftedChain.log((byte) 1, (byte) 1, "x1");
        Log x2Log = CraftedChain.log((byte) 1, (byte) 2, "x2");
        Log x3Log = CraftedChain.log((byte) 1, (byte) 3, "x3");
        Log y2Log = CraftedChain.log((byte) 1, (byte) 4, "y2");
        Block x1 = crafted.child(head, "x1", List.of(x1Log));
        Block x2 = crafted.child(x1.header(), "x2", List.of(x2Log));
        Block x3 = crafted.child(x2.header(), "x3", List.of(x3Log));
        crafted.head(x3);
        assertThat(result(ws, logs)).isEqualTo(rendered(x1Log, x1, 0, false));
        assertThat(result(ws, logs)).isEqualTo(rendered(x2Log, x2, 0, false));
        assertThat(result(ws, logs)).isEqualTo(rendered(x3Log, x3, 0, false));
        Block y2 = crafted.child(x1.header(), "y2", List.of(y2Log));
        Block y3 = crafted.child(y2.header(), "y3", List.of());
        Block y4 = crafted.child(y3.header(), "y4", List.of());
        crafted.head(y4);
        assertThat(result(ws, logs)).isEqualTo(rendered(x2Log, x2, 0, true));
        assertThat(result(ws, logs)).isEqualTo(rendered(x3Log, x3, 0, true));
        assertThat(result(ws, logs)).isEqualTo(rendered(y2Log, y2, 0, false));
        List<String> announced = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            announced.add(result(heads, newHeads).get("hash").asText());
        }
        assertThat(announced).containsExactly(Hex.data(x1.hash()), Hex.data(x2.hash()), Hex.data(x3.hash()),
                Hex.data(y2.hash()), Hex.data(y3.hash()), Hex.data(y4.hash()));
    }

    @Test
    @DisplayName("logs from a past block delivers that history first, then live logs")
    void history() throws Exception {
        WsClient heads = client();
        String newHeads = subscribe(heads, "[\"newHeads\"]");
        Log x1Log = CraftedChain.log((byte) 1, (byte) 1, "x1");
        Block x1 = crafted.child(head, "x1", List.of(x1Log));
        Block x2 = crafted.child(x1.header(), "x2", List.of());
        crafted.head(x2);
        // Once x2 is announced the watcher is past x1, so x1's log can only come from the history.
        assertThat(result(heads, newHeads).get("hash").asText()).isEqualTo(Hex.data(x1.hash()));
        assertThat(result(heads, newHeads).get("hash").asText()).isEqualTo(Hex.data(x2.hash()));
        WsClient ws = client();
        String logs = subscribe(ws, "[\"logs\",{\"fromBlock\":\"" + Hex.quantity(x1.number()) + "\"}]");
        assertThat(result(ws, logs)).isEqualTo(rendered(x1Log, x1, 0, false));
        Log x3Log = CraftedChain.log((byte) 1, (byte) 3, "x3");
        Block x3 = crafted.child(x2.header(), "x3", List.of(x3Log));
        crafted.head(x3);
        assertThat(result(ws, logs)).isEqualTo(rendered(x3Log, x3, 0, false));
    }

    @Test
    @DisplayName("logs refuses a toBlock and a latest fromBlock with geth's texts; a bad filter is argument 1")
    void logsErrors() throws Exception {
        WsClient ws = client();
        assertThat(error(ws, "[\"logs\",{\"toBlock\":\"0x1\"}]"))
                .isEqualTo("{\"code\":-32000,\"message\":\"log subscription does not support history block range\"}");
        assertThat(error(ws, "[\"logs\",{\"fromBlock\":\"latest\"}]")).isEqualTo("{\"code\":-32000,"
                + "\"message\":\"from block can be only a number, or \\\"safe\\\", or \\\"finalized\\\"\"}");
        assertThat(error(ws, "[\"logs\",{\"address\":7}]"))
                .isEqualTo("{\"code\":-32602,\"message\":\"invalid argument 1: invalid addresses in query\"}");
        assertThat(error(ws, "[\"logs\"]"))
                .isEqualTo("{\"code\":-32602,\"message\":\"missing value for required argument 1\"}");
        assertThat(error(ws, "[\"newPendingTransactions\"]")).isEqualTo(
                "{\"code\":-32601,\"message\":\"no \\\"newPendingTransactions\\\" subscription in eth namespace\"}");
    }

    private static String error(WsClient ws, String params) throws Exception {
        return JSON.readTree(ws.call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_subscribe\",\"params\":"
                + params + "}")).get("error").toString();
    }
}
