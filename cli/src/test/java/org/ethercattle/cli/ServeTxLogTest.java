package org.ethercattle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code --tx-log} and {@code --rpc-upstream} on a served store, end to end across processes: {@code cattle serve}
 * over the imported execution-apis chain checks and publishes a transaction geth accepted in its fixture, answers
 * geth's error for a bad one, forwards {@code eth_call} to the upstream; then {@code cattle txrelay} submits the
 * published transaction to the node.
 */
class ServeTxLogTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private static Path shared(String path) {
        return Path.of(System.getProperty("cattle.shared.dir"), "execution-apis").resolve(path);
    }

    @Test
    @DisplayName("serve --tx-log --rpc-upstream: a checked transaction is published, and txrelay submits it")
    void publishThenRelay() throws Exception {
        String store = "rocksdb:" + dir.resolve("chain");
        assertThat(Cattle.execute("eth", "import", "--store", store, "--chain", shared("tests/chain.rlp").toString(),
                "--genesis", shared("tests/genesis.json").toString(), "--state",
                shared("tools/chain/headstate.json").toString())).isZero();
        List<String> fixture = Files.readAllLines(shared("tests/eth_sendRawTransaction/send-legacy-transaction.io"));
        JsonNode request = MAPPER.readTree(fixture.stream().filter(l -> l.startsWith(">>")).findFirst().orElseThrow()
                .substring(2));
        JsonNode response = MAPPER.readTree(fixture.stream().filter(l -> l.startsWith("<<")).findFirst()
                .orElseThrow().substring(2));
        String raw = request.path("params").get(0).asText();
        String txLog = "file:" + dir.resolve("txlog");

        try (RecordingNode node = new RecordingNode()) {
            CattleProcess serve = CattleProcess.start(dir.resolve("serve.out"), "serve", "--store", store, "--rpc",
                    "0", "--tx-log", txLog, "--rpc-upstream", node.url());
            try {
                serve.awaitOutput("serving the Ethereum JSON-RPC API", 60);
                Matcher m = Pattern.compile("on (http://[^\\s]+)").matcher(serve.output());
                assertThat(m.find()).isTrue();
                String url = m.group(1);

                assertThat(call(url, "eth_sendRawTransaction", "[\"" + raw + "\"]"))
                        .isEqualTo(response.path("result").asText());
                assertThat(call(url, "eth_sendRawTransaction", "[\"0x05c0\"]"))
                        .isEqualTo("error -32000: transaction type not supported");
                assertThat(call(url, "eth_call", "[{\"to\":\"0x000000000000000000000000000000000000dead\"},"
                        + "\"latest\"]")).isEqualTo("0x2a");
                assertThat(node.methods()).containsExactly("eth_call");
            } finally {
                serve.process().destroy();
                serve.process().waitFor(30, TimeUnit.SECONDS);
            }

            StringWriter out = new StringWriter();
            CommandLine relay = Cattle.commandLine();
            relay.setOut(new PrintWriter(out, true));
            assertThat(relay.execute("txrelay", "--tx-log", txLog, "--to", node.url(), "--checkpoint",
                    dir.resolve("relay.checkpoint").toString(), "--exit-when-idle")).isZero();
            assertThat(node.transactions()).containsExactly(raw);
            assertThat(out.toString()).contains("1 submitted, 0 rejected");
        }
    }

    /** The result as text, or "error CODE: MESSAGE". */
    private static String call(String url, String method, String params) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method
                        + "\",\"params\":" + params + "}")).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode answer = MAPPER.readTree(r.body());
        return answer.has("error") ? "error " + answer.path("error").path("code").asInt() + ": "
                + answer.path("error").path("message").asText() : answer.path("result").asText();
    }
}
