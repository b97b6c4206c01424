package org.ethercattle.cli;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.ethercattle.ethereum.tx.RelayCounters;

/**
 * {@code cattle txrelay}'s Prometheus endpoint ({@code GET /metrics}): {@code cattle_txrelay_submitted_total},
 * {@code cattle_txrelay_rejected_total}, {@code cattle_txrelay_expired_total} and {@code
 * cattle_txrelay_retries_total} (see {@link RelayCounters}), tagged {@code stream=<tx log stream id>}.
 */
final class TxRelayMetrics implements AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    /** Micrometer reads the counters through a weak reference: this one keeps them alive. */
    private final RelayCounters counters;
    private final HttpServer server;

    /**
     * Binds {@code address} and serves the counters.
     *
     * @throws UncheckedIOException naming the address when it cannot be bound
     */
    TxRelayMetrics(InetSocketAddress address, String streamId, RelayCounters counters) {
        this.counters = counters;
        registry.config().commonTags("stream", streamId);
        FunctionCounter.builder("cattle.txrelay.submitted", counters, RelayCounters::submitted)
                .description("transactions the node accepted").register(registry);
        FunctionCounter.builder("cattle.txrelay.rejected", counters, RelayCounters::rejected)
                .description("transactions the node refused (not retried)").register(registry);
        FunctionCounter.builder("cattle.txrelay.expired", counters, RelayCounters::expired)
                .description("transactions dropped as older than --ttl").register(registry);
        FunctionCounter.builder("cattle.txrelay.retries", counters, RelayCounters::retries)
                .description("attempts the node did not answer, tried again").register(registry);
        try {
            server = HttpServer.create(address, 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve txrelay metrics on " + address + ": " + e.getMessage()
                    + "; pick a free --metrics address", e);
        }
        server.createContext("/metrics", exchange -> {
            byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    /** The bound port. */
    int port() {
        return server.getAddress().getPort();
    }

    /** The Prometheus text of every counter. */
    String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
