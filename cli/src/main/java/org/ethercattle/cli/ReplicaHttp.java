package org.ethercattle.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.ethercattle.core.replay.ReplayStats;
import org.ethercattle.core.status.ReadinessReport;
import org.ethercattle.core.status.ReplicaMonitor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replica's HTTP endpoints, on the JDK's built-in server:
 * <ul>
 *   <li>{@code /healthz}: 200 {@code {"alive":true}} while replay runs or is caught up; 500 with the error
 *       once replay stopped on a fatal error (restart or rebuild the replica).</li>
 *   <li>{@code /readyz}: 200 when ready, else 503; both with the readiness JSON
 *       ({@link StatusJson#readiness}). What a load balancer checks.</li>
 *   <li>{@code /status}: 200 with the full status JSON ({@link StatusJson#status}).</li>
 *   <li>{@code /metrics}: Prometheus text ({@link ReplicaMetrics}).</li>
 * </ul>
 * GET and HEAD only. Two daemon threads answer, so a slow scrape does not hold up health checks for long.
 */
final class ReplicaHttp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicaHttp.class);
    private static final String JSON = "application/json; charset=utf-8";
    private static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";

    static {
        // The JDK server writes a response's headers and body separately; without TCP_NODELAY, Nagle's
        // algorithm and the client's delayed ACK hold every small answer back ~40 ms. Read once, when the
        // server classes first load; an explicit -Dsun.net.httpserver.nodelay=false still wins.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService threads;
    private final ReplicaMonitor monitor;
    private final Supplier<ReplayStats> stats;
    private final ReplicaMetrics metrics;

    /**
     * Binds {@code address} and starts serving.
     *
     * @throws UncheckedIOException naming the address when it cannot be bound (in use, not local)
     */
    /**
     * Adds the head block to {@code /status} and its age rule to {@code /readyz} (a replica of a geth chain);
     * {@code /metrics} gets it through {@link ReplicaMetrics#bindHeadBlock}.
     */
    void watchHeadBlock(HeadBlockCheck check) {
        this.headBlock = check;
    }

    ReplicaHttp(InetSocketAddress address, ReplicaMonitor monitor, Supplier<ReplayStats> stats,
            ReplicaMetrics metrics) {
        this.monitor = monitor;
        this.stats = stats;
        this.metrics = metrics;
        try {
            server = HttpServer.create(address, 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve HTTP on " + address.getHostString() + ":" + address.getPort()
                    + ": " + e.getMessage() + "; choose another --http address (port 0 picks a free one)", e);
        }
        threads = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "cattle-replica-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The bound address (with the real port when 0 was asked for). */
    InetSocketAddress address() {
        return server.getAddress();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, JSON, Json.write(Map.of("error", "only GET and HEAD are served")));
                return;
            }
            try {
                route(exchange);
            } catch (RuntimeException e) {
                // e.g. the store closing under a request during shutdown
                LOG.debug("request {} failed", exchange.getRequestURI(), e);
                send(exchange, 503, JSON, Json.write(Map.of("error", String.valueOf(e.getMessage()))));
            }
        }
    }

    /** The head block rule, once a geth chain is known to be replicated; read by the HTTP threads. */
    private volatile HeadBlockCheck headBlock;

    private void route(HttpExchange exchange) throws IOException {
        switch (exchange.getRequestURI().getPath()) {
            case "/healthz" -> {
                ReplayStats s = stats.get();
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("alive", !s.failed());
                if (s.failed()) {
                    body.put("failure", s.failure().getMessage());
                }
                send(exchange, s.failed() ? 500 : 200, JSON, Json.write(body));
            }
            case "/readyz" -> {
                ReadinessReport r = monitor.readiness();
                Map<String, Object> body = StatusJson.readiness(r);
                boolean ready = r.isReady();
                HeadBlockCheck check = headBlock;
                if (ready && check != null) {
                    java.util.Optional<String> old = check.notReady();
                    if (old.isPresent()) {
                        ready = false;
                        body.put("ready", false);
                        body.put("reason", "head-block-old");
                        body.put("detail", old.get());
                    }
                }
                send(exchange, ready ? 200 : 503, JSON, Json.write(body));
            }
            case "/status" -> {
                Map<String, Object> body = StatusJson.status(monitor.status());
                HeadBlockCheck check = headBlock;
                if (check != null) {
                    body.put("headBlock", check.status());
                }
                send(exchange, 200, JSON, Json.write(body));
            }
            case "/metrics" -> send(exchange, 200, PROMETHEUS, metrics.scrape());
            default -> send(exchange, 404, JSON,
                    Json.write(Map.of("error", "not found; try /healthz, /readyz, /status or /metrics")));
        }
    }

    private static void send(HttpExchange exchange, int code, String type, String body) throws IOException {
        byte[] bytes = (body + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(code, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** Stops accepting requests and ends the answering threads; requests in progress get a second to finish. */
    @Override
    public void close() {
        server.stop(1);
        threads.shutdownNow();
    }
}
