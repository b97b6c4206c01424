package org.ethercattle.ethereum.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.ethercattle.api.Logs;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.log.LogProducer;
import org.ethercattle.ethereum.anvil.Anvil;
import org.ethercattle.ethereum.types.Hex;
import org.ethercattle.ethereum.upstream.JsonRpcClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;

/**
 * The relay between a real file transaction log and a real node (Anvil, automining): what it submits is mined, its
 * checkpoint keeps a restarted relay from resending, the node's rejections are final, transient failures are
 * retried, and transactions past their TTL are dropped.
 */
class TxRelayTest {

    private static final RelaySettings FAST = new RelaySettings(Duration.ofMinutes(10), Duration.ofMillis(200),
            Duration.ofMillis(10), Duration.ofMillis(50));

    @TempDir
    Path dir;
    private Anvil anvil;
    private Credentials dev;
    private String logSpec;
    private LogProducer producer;

    @BeforeEach
    void start() {
        anvil = Anvil.start();
        dev = Credentials.create(anvil.privateKeys().get(0));
        logSpec = "file:" + dir.resolve("txlog");
        producer = Logs.openProducer(logSpec);
    }

    @AfterEach
    void stop() {
        producer.close();
        anvil.close();
    }

    private byte[] publish(long nonce) throws Exception {
        byte[] raw = SignedTransactions.dynamicFee(dev, anvil.chainId(), nonce, 21_000, BigInteger.TEN.pow(9),
                BigInteger.TEN.pow(11), BigInteger.ONE, "");
        producer.append(raw.clone()).get();
        return raw;
    }

    private TxRelay relay(LogConsumer consumer, String url, RelaySettings settings, Clock clock) {
        return new TxRelay(consumer, new RelayCheckpoint(dir.resolve("relay.checkpoint")),
                new JsonRpcClient(URI.create(url), Duration.ofSeconds(10)), settings, clock);
    }

    /** Relays until a poll brings nothing new; returns how many transactions were done with. */
    private static long relayAll(TxRelay relay) {
        long total = 0;
        for (int done = relay.relayOnce(); done > 0; done = relay.relayOnce()) {
            total += done;
        }
        return total;
    }

    private String receiptStatus(byte[] raw) throws InterruptedException {
        return Mined.receipt(anvil, Hex.data(Hash.sha3(raw))).path("status").asText();
    }

    @Test
    @DisplayName("published transactions are submitted in order and mined; a restarted relay resends none")
    void submitsAndCheckpoints() throws Exception {
        byte[] first = publish(0);
        byte[] second = publish(1);
        try (LogConsumer consumer = Logs.openConsumer(logSpec)) {
            TxRelay relay = relay(consumer, anvil.url(), FAST, Clock.systemUTC());
            assertThat(relayAll(relay)).isEqualTo(2);
            assertThat(relay.counters().submitted()).isEqualTo(2);
        }
        assertThat(receiptStatus(first)).isEqualTo("0x1");
        assertThat(receiptStatus(second)).isEqualTo("0x1");
        assertThat(Files.exists(dir.resolve("relay.checkpoint"))).isTrue();

        byte[] third = publish(2);
        try (LogConsumer consumer = Logs.openConsumer(logSpec)) {
            TxRelay restarted = relay(consumer, anvil.url(), FAST, Clock.systemUTC());
            assertThat(relayAll(restarted)).isEqualTo(1);
            // Only the new one: a resent first or second would be answered "nonce too low" and counted rejected.
            assertThat(restarted.counters().submitted()).isEqualTo(1);
            assertThat(restarted.counters().rejected()).isZero();
        }
        assertThat(receiptStatus(third)).isEqualTo("0x1");
    }

    @Test
    @DisplayName("a transaction the node refuses is counted rejected, not retried, and the relay moves on")
    void rejectionIsFinal() throws Exception {
        byte[] wrongChain = SignedTransactions.dynamicFee(dev, 1, 0, 21_000, BigInteger.TEN.pow(9),
                BigInteger.TEN.pow(11), BigInteger.ONE, "");
        producer.append(wrongChain).get();
        byte[] good = publish(0);
        try (LogConsumer consumer = Logs.openConsumer(logSpec)) {
            TxRelay relay = relay(consumer, anvil.url(), FAST, Clock.systemUTC());
            assertThat(relayAll(relay)).isEqualTo(2);
            assertThat(relay.counters().rejected()).isEqualTo(1);
            assertThat(relay.counters().submitted()).isEqualTo(1);
            assertThat(relay.counters().retries()).isZero();
        }
        assertThat(receiptStatus(good)).isEqualTo("0x1");
    }

    @Test
    @DisplayName("a node that answers 503 twice is retried until it takes the transaction")
    void transientFailuresAreRetried() throws Exception {
        byte[] raw = publish(0);
        try (FlakyProxy proxy = new FlakyProxy(anvil.url(), 2); LogConsumer consumer = Logs.openConsumer(logSpec)) {
            TxRelay relay = relay(consumer, proxy.url(), FAST, Clock.systemUTC());
            assertThat(relayAll(relay)).isEqualTo(1);
            assertThat(relay.counters().retries()).isEqualTo(2);
            assertThat(relay.counters().submitted()).isEqualTo(1);
            assertThat(proxy.requests()).isEqualTo(3);
        }
        assertThat(receiptStatus(raw)).isEqualTo("0x1");
    }

    @Test
    @DisplayName("a transaction older than the TTL is dropped as expired and never reaches the node")
    void expiredIsDropped() throws Exception {
        byte[] raw = publish(0);
        Clock anHourLater = Clock.fixed(Instant.now().plus(Duration.ofHours(1)), ZoneOffset.UTC);
        try (LogConsumer consumer = Logs.openConsumer(logSpec)) {
            TxRelay relay = relay(consumer, anvil.url(), FAST.withTtl(Duration.ofMinutes(10)), anHourLater);
            assertThat(relayAll(relay)).isEqualTo(1);
            assertThat(relay.counters().expired()).isEqualTo(1);
            assertThat(relay.counters().submitted()).isZero();
        }
        assertThat(anvil.rpc("eth_getTransactionReceipt", "[\"" + Hex.data(Hash.sha3(raw)) + "\"]").isNull())
                .isTrue();
    }

    @Test
    @DisplayName("a checkpoint written for another stream is refused, naming both streams and the fix")
    void checkpointOfAnotherStream() throws Exception {
        RelayCheckpoint checkpoint = new RelayCheckpoint(dir.resolve("relay.checkpoint"));
        checkpoint.save("some-other-log", new byte[] {1, 2, 3});
        publish(0);
        try (LogConsumer consumer = Logs.openConsumer(logSpec)) {
            TxRelay relay = relay(consumer, anvil.url(), FAST, Clock.systemUTC());
            assertThatThrownBy(relay::relayOnce).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("belongs to stream 'some-other-log'")
                    .hasMessageContaining("--checkpoint");
        }
    }
}
