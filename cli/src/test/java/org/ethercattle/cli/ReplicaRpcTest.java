package org.ethercattle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ethercattle.api.Codecs;
import org.ethercattle.api.Logs;
import org.ethercattle.api.Stores;
import org.ethercattle.core.master.Master;
import org.ethercattle.core.master.MasterDatabase;
import org.ethercattle.ethereum.chain.ChainImporter;
import org.ethercattle.ethereum.chain.Genesis;
import org.ethercattle.ethereum.state.StateJson;
import org.ethercattle.ethereum.types.Block;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole read path: the execution-apis test chain written in geth's schema through a capturing master into a
 * file log, replayed by {@code cattle replica --rpc} into its own RocksDB store, and asked over JSON-RPC what
 * geth answered (the upstream fixtures' responses).
 */
class ReplicaRpcTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private static Path shared(String path) {
        return Path.of(System.getProperty("cattle.shared.dir"), "execution-apis", path);
    }

    @Test
    @DisplayName("a replica of a geth chain streamed through the log answers eth_ calls exactly as geth did")
    void replicaServesTheChainItReplayed() throws Exception {
        String log = "file:" + dir.resolve("log");
        try (MasterDatabase master = Master.wrap(Stores.open("rocksdb:" + dir.resolve("master")),
                Logs.openProducer(log), Codecs.get(Codecs.DEFAULT)).heartbeatEvery(Duration.ZERO).start()) {
            List<Block> blocks = Block.decodeAll(Files.readAllBytes(shared("tests/chain.rlp")));
            new ChainImporter(master).importChain(Genesis.read(shared("tests/genesis.json")),
                    StateJson.readGenesisAlloc(shared("tests/genesis.json")), blocks,
                    StateJson.readDump(shared("tools/chain/headstate.json")));
        }
        CattleProcess replica = CattleProcess.start(dir.resolve("replica.out"), "replica",
                "--store", "rocksdb:" + dir.resolve("replica"), "--log", log, "--rpc", "0", "--ws", "--max-age", "0s", "--http", "0", "--max-block-age", "60s");
        try {
            replica.awaitOutput("serving the Ethereum JSON-RPC API on", 120);
            Matcher m = Pattern.compile("JSON-RPC API on (http://[^\\s]+)").matcher(replica.output());
            assertThat(m.find()).isTrue();
            String url = m.group(1);
            for (String fixture : List.of("eth_getBlockByNumber/get-block-prague-fork.io",
                    "eth_getTransactionByHash/get-setcode-tx.io", "eth_getProof/get-account-proof-latest.io",
                    "eth_getStorageAt/get-storage.io", "eth_blockNumber/simple-test.io")) {
                List<String> lines = Files.readAllLines(shared("tests/" + fixture));
                String request = lines.stream().filter(l -> l.startsWith(">> ")).findFirst().orElseThrow().substring(3);
                String response = lines.stream().filter(l -> l.startsWith("<< ")).findFirst().orElseThrow()
                        .substring(3);
                assertThat(post(url, request)).as(fixture).isEqualTo(MAPPER.readTree(response));
            }
            // The test chain's head block is from 1970: with --max-block-age the replica is caught up but not ready,
            // and /status shows the head block it judged.
            HttpProbe probe = new HttpProbe(HttpProbe.baseUrlIn(replica.output()));
            HttpProbe.Answer readyz = probe.get("/readyz");
            assertThat(readyz.code()).isEqualTo(503);
            assertThat(MAPPER.readTree(readyz.body()).path("reason").asText()).isEqualTo("head-block-old");
            JsonNode head = MAPPER.readTree(probe.get("/status").body()).path("headBlock");
            assertThat(head.path("number").asLong()).isEqualTo(0x36);
            assertThat(head.path("hash").asText())
                    .isEqualTo("0xd226371d0b1551adb03fb52b71f08e3e11247fe9b1af994768af8cdaa8e7dcd7");
            assertThat(probe.get("/metrics").body()).contains("cattle_eth_head_block_number");
            // The same port speaks WebSocket: a call, and a newHeads subscription geth-style (0x-prefixed id).
            assertThat(overWebSocket(url, "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"eth_blockNumber\"}")
                    .path("result").asText()).isEqualTo("0x36");
            assertThat(overWebSocket(url, "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"eth_subscribe\","
                    + "\"params\":[\"newHeads\"]}").path("result").asText()).startsWith("0x");
        } finally {
            replica.process().destroy();
            replica.process().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static JsonNode overWebSocket(String url, String message) throws Exception {
        java.util.concurrent.CompletableFuture<String> answer = new java.util.concurrent.CompletableFuture<>();
        StringBuilder text = new StringBuilder();
        java.net.http.WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(url.replace("http://", "ws://")), new java.net.http.WebSocket.Listener() {
                    @Override
                    public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket socket,
                            CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            answer.complete(text.toString());
                        }
                        socket.request(1);
                        return null;
                    }
                }).get(30, TimeUnit.SECONDS);
        try {
            ws.sendText(message, true).get(30, TimeUnit.SECONDS);
            return MAPPER.readTree(answer.get(30, TimeUnit.SECONDS));
        } finally {
            ws.abort();
        }
    }

    private static JsonNode post(String url, String body) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        return MAPPER.readTree(r.body());
    }
}
