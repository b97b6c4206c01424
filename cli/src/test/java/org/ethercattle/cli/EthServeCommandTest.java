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
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EthServeCommandTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private static Path chainFile(String name) {
        Path shared = Path.of(System.getProperty("cattle.shared.dir"), "execution-apis");
        return name.equals("headstate.json")
                ? shared.resolve("tools/chain").resolve(name) : shared.resolve("tests").resolve(name);
    }

    @Test
    @DisplayName("'cattle eth import' writes the test chain into RocksDB and 'cattle serve' answers eth_ calls from it")
    void importThenServe() throws Exception {
        String store = "rocksdb:" + dir.resolve("chain");
        int rc = Cattle.execute("eth", "import", "--store", store, "--chain", chainFile("chain.rlp").toString(),
                "--genesis", chainFile("genesis.json").toString(), "--state", chainFile("headstate.json").toString());
        assertThat(rc).isZero();

        CattleProcess serve = CattleProcess.start(dir.resolve("serve.out"), "serve", "--store", store, "--rpc", "0");
        try {
            serve.awaitOutput("serving the Ethereum JSON-RPC API", 60);
            Matcher m = Pattern.compile("on (http://[^\\s]+)").matcher(serve.output());
            assertThat(m.find()).isTrue();
            String url = m.group(1);
            assertThat(call(url, "eth_blockNumber", "[]").path("result").asText()).isEqualTo("0x36");
            assertThat(call(url, "eth_chainId", "[]").path("result").asText()).isEqualTo("0xc72dd9d5e883e");
            assertThat(call(url, "eth_getBalance", "[\"0x7dcd17433742f4c0ca53122ab541d0ba67fc27df\",\"latest\"]")
                    .path("result").asText()).isEqualTo("0x76");
            assertThat(call(url, "eth_getBlockByNumber", "[\"0x1\",false]").path("result").path("hash").asText())
                    .isEqualTo("0x80e911b62f552f563a2544dfef5eb39ec8863d9082c998ca6b657f76e19de38e");
        } finally {
            serve.process().destroy();
            serve.process().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    @DisplayName("'cattle eth import --log --forkchoice' sends the chain through a log: a replica of it has headfcu's head")
    void importThroughALog() throws Exception {
        String log = "file:" + dir.resolve("log");
        int rc = Cattle.execute("eth", "import", "--store", "rocksdb:" + dir.resolve("master"), "--log", log,
                "--chain", chainFile("chain.rlp").toString(), "--genesis", chainFile("genesis.json").toString(),
                "--forkchoice", chainFile("headfcu.json").toString(),
                "--state-dump", chainFile("headstate.json").toString());
        assertThat(rc).isZero();
        String replica = "rocksdb:" + dir.resolve("replica");
        assertThat(Cattle.execute("replica", "--store", replica, "--log", log, "--exit-when-caught-up")).isZero();
        try (var db = org.ethercattle.api.Stores.open(replica)) {
            var chain = new org.ethercattle.ethereum.rawdb.ChainReader(db,
                    org.ethercattle.ethereum.rawdb.Ancients.none());
            assertThat(chain.headMarker(org.ethercattle.ethereum.rawdb.Schema.HEAD_BLOCK).orElseThrow().hash())
                    .isEqualTo(org.ethercattle.ethereum.types.Hex.bytes(
                            "0xd226371d0b1551adb03fb52b71f08e3e11247fe9b1af994768af8cdaa8e7dcd7"));
            assertThat(chain.headMarker(org.ethercattle.ethereum.rawdb.Schema.HEAD_FINALIZED_BLOCK)).isPresent();
        }
    }

    @Test
    @DisplayName("'cattle serve' on a store that holds no geth chain fails with what is missing")
    void serveRefusesAStoreWithoutAChain() throws Exception {
        String store = "rocksdb:" + dir.resolve("empty");
        Files.createDirectories(dir.resolve("empty"));
        assertThat(Cattle.execute("eth", "import", "--help")).isZero();
        try (var db = org.ethercattle.api.Stores.open(store)) {
            db.put(new byte[] {1}, new byte[] {2});
        }
        CapturedCattle cattle = new CapturedCattle();
        assertThat(cattle.run("serve", "--store", store, "--rpc", "0")).isEqualTo(Cattle.EXIT_ERROR);
        assertThat(cattle.err()).contains("no genesis block");
    }

    private static JsonNode call(String url, String method, String params) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method
                        + "\",\"params\":" + params + "}")).build(), HttpResponse.BodyHandlers.ofString());
        return MAPPER.readTree(r.body());
    }
}
