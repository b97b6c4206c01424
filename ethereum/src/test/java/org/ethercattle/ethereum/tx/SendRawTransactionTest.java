package org.ethercattle.ethereum.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ethercattle.ethereum.tx.SignedTransactions.FUNDED;
import static org.ethercattle.ethereum.tx.SignedTransactions.hex;
import static org.ethercattle.ethereum.tx.SignedTransactions.transfer;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.ethercattle.api.Database;
import org.ethercattle.api.Logs;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.log.LogEntry;
import org.ethercattle.api.log.LogProducer;
import org.ethercattle.ethereum.eth.EthereumApi;
import org.ethercattle.ethereum.eth.LogMethods;
import org.ethercattle.ethereum.rawdb.Ancients;
import org.ethercattle.ethereum.rpc.CorsPolicy;
import org.ethercattle.ethereum.rpc.RpcLimits;
import org.ethercattle.ethereum.rpc.RpcMethods;
import org.ethercattle.ethereum.rpc.RpcServer;
import org.ethercattle.ethereum.rpc.VirtualHosts;
import org.ethercattle.ethereum.testchain.ImportedTestChain;
import org.ethercattle.ethereum.types.Hex;
import org.ethercattle.ethereum.upstream.Upstream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Hash;

/**
 * {@code eth_sendRawTransaction} on a replica of the imported test chain with {@code --tx-log} a real file log: a
 * valid transaction is in the log, byte for byte, once its hash is answered; an invalid one gets geth's error and
 * leaves the log untouched; a replica without a log answers -32601 naming the flag.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SendRawTransactionTest {

    private Database db;
    private LogProducer producer;
    private String logSpec;
    private RpcServer withLog;
    private RpcServer withoutLog;

    @BeforeAll
    void serve(@TempDir Path dir) throws Exception {
        db = ImportedTestChain.importInto(dir.resolve("db"));
        logSpec = "file:" + dir.resolve("txlog");
        producer = Logs.openProducer(logSpec);
        withLog = start(EthereumApi.methods(db, Ancients.none(), LogMethods.LogLimits.DEFAULTS,
                new TxLog(producer, logSpec, Duration.ofSeconds(10)), Upstream.none()));
        withoutLog = start(EthereumApi.methods(db, Ancients.none()));
    }

    private static RpcServer start(RpcMethods methods) throws Exception {
        return RpcServer.start("127.0.0.1", 0, methods, RpcLimits.GETH_DEFAULTS, CorsPolicy.DISABLED,
                VirtualHosts.GETH_DEFAULT);
    }

    @AfterAll
    void stop() {
        withLog.close();
        withoutLog.close();
        producer.close();
        db.close();
    }

    private static String url(RpcServer server) {
        return "http://127.0.0.1:" + server.port();
    }

    @Test
    @DisplayName("a valid transaction: its hash is answered and its raw bytes are the log's next entry")
    void validGoesToTheLog() {
        byte[] raw = transfer(FUNDED, 249, 21_000);
        List<LogEntry> before = readAll();

        JsonNode answer = Rpc.call(url(withLog), "eth_sendRawTransaction", "[\"" + hex(raw) + "\"]");

        assertThat(answer.path("result").asText()).isEqualTo(Hex.data(Hash.sha3(raw)));
        List<LogEntry> after = readAll();
        assertThat(after).hasSize(before.size() + 1);
        assertThat(after.get(after.size() - 1).payload()).isEqualTo(raw);
    }

    @Test
    @DisplayName("an invalid transaction: geth's -32000 error, and nothing is published")
    void invalidStaysOut() {
        int before = readAll().size();

        JsonNode answer = Rpc.call(url(withLog), "eth_sendRawTransaction",
                "[\"" + hex(transfer(FUNDED, 3, 21_000)) + "\"]");

        assertThat(answer.path("error").path("code").asInt()).isEqualTo(-32000);
        assertThat(answer.path("error").path("message").asText())
                .isEqualTo("nonce too low: next nonce 249, tx nonce 3");
        assertThat(readAll()).hasSize(before);
    }

    @Test
    @DisplayName("without --tx-log: -32601 with geth's unknown-method text followed by the flag to give")
    void withoutATxLog() {
        JsonNode answer = Rpc.call(url(withoutLog), "eth_sendRawTransaction",
                "[\"" + hex(transfer(FUNDED, 249, 21_000)) + "\"]");

        assertThat(answer.path("error").path("code").asInt()).isEqualTo(-32601);
        assertThat(answer.path("error").path("message").asText()).isEqualTo(SendRawTransaction.NO_TX_LOG)
                .startsWith("the method eth_sendRawTransaction does not exist/is not available").contains("--tx-log");
    }

    private List<LogEntry> readAll() {
        try (LogConsumer consumer = Logs.openConsumer(logSpec)) {
            consumer.seekToStart();
            List<LogEntry> all = new ArrayList<>();
            for (List<LogEntry> batch = consumer.poll(Duration.ofMillis(200)); !batch.isEmpty();
                    batch = consumer.poll(Duration.ofMillis(200))) {
                all.addAll(batch);
            }
            return all;
        }
    }
}
