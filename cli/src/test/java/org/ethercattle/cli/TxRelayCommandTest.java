package org.ethercattle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.ethercattle.api.Logs;
import org.ethercattle.api.log.LogProducer;
import org.ethercattle.ethereum.tx.RelayCounters;
import org.ethercattle.ethereum.upstream.Upstream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cattle txrelay} over a real file log and a node that records what it is sent (accepting all but one
 * transaction, which it refuses as geth would): each transaction reaches the node once, a second run resends none,
 * and the counters are exported in Prometheus form, as the upstream's are.
 */
class TxRelayCommandTest {

    @TempDir
    Path dir;

    private final CapturedCattle cattle = new CapturedCattle();

    private int cattle(String... args) {
        return cattle.run(args);
    }

    @Test
    @DisplayName("each transaction reaches the node once, in order; a rerun from the checkpoint sends nothing")
    void relaysOnceAndResumes() throws Exception {
        String log = "file:" + dir.resolve("txlog");
        try (LogProducer producer = Logs.openProducer(log)) {
            producer.append(new byte[] {0x02, 0x01}).get();
            producer.append(new byte[] {0x02, (byte) 0xbd}).get(); // the node refuses this one
            producer.append(new byte[] {0x02, 0x03}).get();
        }
        try (RecordingNode node = new RecordingNode()) {
            String[] args = {"txrelay", "--tx-log", log, "--to", node.url(), "--checkpoint",
                    dir.resolve("relay.checkpoint").toString(), "--exit-when-idle"};

            assertThat(cattle(args)).as("stderr: %s", cattle.err()).isZero();
            assertThat(node.transactions()).containsExactly("0x0201", RecordingNode.REFUSED, "0x0203");
            assertThat(cattle.out()).contains("2 submitted, 1 rejected, 0 expired, 0 retries");

            assertThat(cattle(args)).as("stderr: %s", cattle.err()).isZero();
            assertThat(node.transactions()).hasSize(3);
            assertThat(cattle.out()).contains("0 submitted, 0 rejected, 0 expired, 0 retries");
        }
    }

    @Test
    @DisplayName("txrelay requires its log, its node and its checkpoint")
    void requiredOptions() {
        assertThat(cattle("txrelay", "--tx-log", "file:" + dir.resolve("txlog"))).isEqualTo(2);
        assertThat(cattle.err()).contains("--to").contains("--checkpoint");
    }

    @Test
    @DisplayName("the relay's counters and the upstream's per-method counters are exported in Prometheus form")
    void metrics() {
        try (TxRelayMetrics metrics = new TxRelayMetrics(new InetSocketAddress("127.0.0.1", 0), "txlog",
                new RelayCounters())) {
            assertThat(metrics.scrape()).contains("cattle_txrelay_submitted_total{stream=\"txlog\"} 0.0")
                    .contains("cattle_txrelay_rejected_total").contains("cattle_txrelay_expired_total")
                    .contains("cattle_txrelay_retries_total");
        }
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Upstream upstream = Upstream.none();
        UpstreamMetrics.bind(registry, upstream.counters());
        assertThat(registry.scrape()).contains("cattle_rpc_upstream_requests_total{method=\"eth_call\"} 0.0")
                .contains("cattle_rpc_upstream_errors_total{method=\"debug_traceTransaction\"} 0.0")
                .contains("cattle_rpc_upstream_failures_total{method=\"txpool_status\"} 0.0");
    }
}
