package org.ethercattle.ethereum.tx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.ethercattle.api.Database;
import org.ethercattle.api.Codecs;
import org.ethercattle.api.Logs;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.log.LogProducer;
import org.ethercattle.core.master.Master;
import org.ethercattle.core.master.MasterDatabase;
import org.ethercattle.core.memory.MemoryDatabase;
import org.ethercattle.core.replay.Replayer;
import org.ethercattle.ethereum.anvil.Anvil;
import org.ethercattle.ethereum.eth.EthereumApi;
import org.ethercattle.ethereum.eth.LogMethods;
import org.ethercattle.ethereum.follow.NodeBlocks;
import org.ethercattle.ethereum.follow.NodeClient;
import org.ethercattle.ethereum.follow.NodeFollower;
import org.ethercattle.ethereum.follow.RequestRate;
import org.ethercattle.ethereum.follow.RetryPolicy;
import org.ethercattle.ethereum.rawdb.Ancients;
import org.ethercattle.ethereum.rpc.CorsPolicy;
import org.ethercattle.ethereum.rpc.RpcLimits;
import org.ethercattle.ethereum.rpc.RpcServer;
import org.ethercattle.ethereum.rpc.VirtualHosts;
import org.ethercattle.ethereum.upstream.JsonRpcClient;
import org.ethercattle.ethereum.upstream.Upstream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;

/**
 * The whole transaction path against a real node. A master follows Anvil's chain (the node follower writing
 * through change capture into a file change log; blocks and receipts, no state) and a replica replays that log
 * into its own store and serves it. The replica takes a transaction with {@code eth_sendRawTransaction} and
 * publishes it to a file transaction log; the relay submits it to Anvil, which mines it; the master follows the
 * new block into the change log, the replica replays it, and serves the receipt, equal to Anvil's.
 */
class ReplicaTransactionPathTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("sent to a replica, relayed to Anvil, mined, followed back through the log: the replica serves its receipt")
    void sendRelayMineFollowServe() throws Exception {
        String logSpec = "file:" + dir.resolve("txlog");
        String chainLog = "file:" + dir.resolve("chainlog");
        try (Anvil anvil = Anvil.start(); MasterDatabase master = Master.wrap(MemoryDatabase.open(),
                        Logs.openProducer(chainLog), Codecs.get(Codecs.DEFAULT)).heartbeatEvery(Duration.ZERO)
                        .start();
                Database db = MemoryDatabase.open(); LogConsumer changes = Logs.openConsumer(chainLog);
                LogProducer producer = Logs.openProducer(logSpec)) {
            NodeFollower follower = new NodeFollower(master, new NodeBlocks(new NodeClient(URI.create(anvil.url()),
                    RequestRate.unbounded(), RetryPolicy.none())), 0, anvil.url());
            follower.step();
            master.flush();
            try (Replayer replayer = caughtUp(Replayer.builder(db, changes).build());
                    RpcServer replica = RpcServer.start("127.0.0.1", 0, EthereumApi.methods(db, Ancients.none(),
                    LogMethods.LogLimits.DEFAULTS, new TxLog(producer, logSpec, Duration.ofSeconds(10)),
                    Upstream.to(URI.create(anvil.url()), Duration.ofSeconds(10))), RpcLimits.GETH_DEFAULTS,
                    CorsPolicy.DISABLED, VirtualHosts.GETH_DEFAULT)) {
                String replicaUrl = "http://127.0.0.1:" + replica.port();
                Credentials dev = Credentials.create(anvil.privateKeys().get(0));
                byte[] raw = SignedTransactions.dynamicFee(dev, anvil.chainId(), 0, 21_000, BigInteger.TEN.pow(9),
                        BigInteger.TEN.pow(11), BigInteger.valueOf(12345), "");

                // A transaction for another chain is refused by the replica itself, with the store's chain id.
                JsonNode refused = Rpc.call(replicaUrl, "eth_sendRawTransaction", "[\"" + SignedTransactions.hex(
                        SignedTransactions.dynamicFee(dev, 1, 0, 21_000, BigInteger.ONE, BigInteger.ONE,
                                BigInteger.ONE, "")) + "\"]");
                assertThat(refused.path("error").path("message").asText())
                        .isEqualTo("invalid sender: invalid chain id for signer: have 1 want 31337");

                JsonNode sent = Rpc.call(replicaUrl, "eth_sendRawTransaction",
                        "[\"" + SignedTransactions.hex(raw) + "\"]");
                String hash = sent.path("result").asText();
                assertThat(hash).as("answered %s", sent).startsWith("0x").hasSize(66);
                assertThat(Rpc.call(replicaUrl, "eth_getTransactionReceipt", "[\"" + hash + "\"]").path("result")
                        .isNull()).as("not mined yet").isTrue();

                try (LogConsumer consumer = Logs.openConsumer(logSpec)) {
                    TxRelay relay = new TxRelay(consumer, new RelayCheckpoint(dir.resolve("relay.checkpoint")),
                            new JsonRpcClient(URI.create(anvil.url()), Duration.ofSeconds(10)),
                            RelaySettings.DEFAULTS, Clock.systemUTC());
                    assertThat(relay.relayOnce()).isEqualTo(1);
                    assertThat(relay.counters().submitted()).isEqualTo(1);
                }
                Mined.receipt(anvil, hash);
                assertThat(follower.step().head()).isEqualTo(1);
                master.flush();
                assertThat(replayer.catchUp()).as("records replayed").isPositive();

                JsonNode fromReplica = Rpc.call(replicaUrl, "eth_getTransactionReceipt", "[\"" + hash + "\"]");
                JsonNode fromAnvil = Rpc.call(anvil.url(), "eth_getTransactionReceipt", "[\"" + hash + "\"]");
                assertThat(fromReplica.path("result").path("status").asText()).isEqualTo("0x1");
                for (String field : new String[] {"transactionHash", "blockHash", "blockNumber", "from", "to",
                        "gasUsed", "cumulativeGasUsed", "effectiveGasPrice", "status", "logsBloom", "type"}) {
                    assertThat(fromReplica.path("result").path(field)).as(field)
                            .isEqualTo(fromAnvil.path("result").path(field));
                }
                // And what a replica cannot compute is answered by the node through it.
                assertThat(Rpc.call(replicaUrl, "txpool_status", "[]").path("result"))
                        .isEqualTo(Rpc.call(anvil.url(), "txpool_status", "[]").path("result"));
            }
        }
    }

    /** {@code replayer}, once it has applied everything the log holds. */
    private static Replayer caughtUp(Replayer replayer) {
        replayer.catchUp();
        return replayer;
    }
}
