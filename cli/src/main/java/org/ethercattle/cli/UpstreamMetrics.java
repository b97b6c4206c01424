package org.ethercattle.cli;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import org.ethercattle.ethereum.upstream.UpstreamCounters;

/**
 * Binds the {@code --rpc-upstream} counters to a Micrometer registry, one series per forwarded method:
 * {@code cattle_rpc_upstream_requests_total{method=...}} (calls forwarded), {@code
 * cattle_rpc_upstream_errors_total} (answered with the node's error) and {@code cattle_rpc_upstream_failures_total}
 * (the node did not answer). Every method is exported from the start, at zero.
 */
final class UpstreamMetrics {

    private UpstreamMetrics() {}

    /**
     * Registers the counters of {@code counters} in {@code registry}. Micrometer holds {@code counters} only weakly:
     * the caller keeps it reachable as long as the registry is scraped.
     */
    static void bind(MeterRegistry registry, UpstreamCounters counters) {
        for (String method : counters.methods()) {
            FunctionCounter.builder("cattle.rpc.upstream.requests", counters, c -> c.forwarded(method))
                    .tag("method", method).description("calls forwarded to --rpc-upstream").register(registry);
            FunctionCounter.builder("cattle.rpc.upstream.errors", counters, c -> c.errors(method))
                    .tag("method", method).description("forwarded calls the node answered with an error")
                    .register(registry);
            FunctionCounter.builder("cattle.rpc.upstream.failures", counters, c -> c.failures(method))
                    .tag("method", method).description("forwarded calls the node did not answer")
                    .register(registry);
        }
    }
}
