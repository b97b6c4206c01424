package org.ethercattle.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.ethercattle.core.replay.ReplayStats;
import org.ethercattle.core.status.ReadinessReport;
import org.ethercattle.core.status.ReplicaMonitor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replica's HTTP endpoints, on Jetty:
 * <ul>
 *   <li>{@code /healthz}: 200 {@code {"alive":true}} while replay runs or is caught up; 500 with the error
 *       once replay stopped on a fatal error (restart or rebuild the replica).</li>
 *   <li>{@code /readyz}: 200 when ready, else 503; both with the readiness JSON
 *       ({@link StatusJson#readiness}). What a load balancer checks.</li>
 *   <li>{@code /status}: 200 with the full status JSON ({@link StatusJson#status}).</li>
 *   <li>{@code /metrics}: Prometheus text ({@link ReplicaMetrics}).</li>
 * </ul>
 * GET and HEAD only; every other answer is JSON {@code {"error":"..."}} too: 404 for another path, 405 (with
 * {@code Allow: GET, HEAD}) for another method, 413 for a request with a body, 431 for oversize headers, and
 * Jetty's own refusals (400 for a malformed request).
 *
 * <p>The limits exist because a load balancer must keep getting {@code /readyz} answers whatever else
 * connects to the port (the JDK server this replaced let two half-sent requests hold both its threads for
 * minutes):
 * <ul>
 *   <li><b>Read timeout</b> ({@link #READ_TIMEOUT}): a connection that sends nothing for that long is closed,
 *       so a stalled client holds a socket for seconds, not forever. Waiting for bytes takes no thread here:
 *       Jetty's selector watches idle connections, so stalled clients never hold up the others.</li>
 *   <li><b>Header timeout</b> (the same duration): a connection that has not sent its first request's
 *       headers whole by then is closed, so a client trickling a byte at a time cannot dodge the read
 *       timeout.</li>
 *   <li><b>Header size</b> ({@link #MAX_HEADER_BYTES}): what a probe or a scraper sends is a few hundred
 *       bytes; more is answered 431 and the connection closed, so a client cannot make the replica buffer
 *       megabytes.</li>
 *   <li><b>No bodies</b>: none of the endpoints reads one, so a request that has one is refused (413)
 *       instead of read.</li>
 *   <li><b>Threads</b> ({@link #MAX_THREADS}, daemon): the CPU belongs to replay, so a burst of scrapes gets
 *       a few threads (one accepts, one selects, the rest answer) and waits its turn.</li>
 * </ul>
 * Jetty sets TCP_NODELAY on accepted sockets, so small answers are not held back by Nagle's algorithm.
 */
final class ReplicaHttp implements AutoCloseable {

    /** How long a connection may send nothing, and how long its first request may take to arrive. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(5);
    /** The largest request line plus headers accepted. */
    static final int MAX_HEADER_BYTES = 8 * 1024;
    /** All of the server's threads: one acceptor, one selector, and the ones that answer. */
    static final int MAX_THREADS = 6;

    private static final Logger LOG = LoggerFactory.getLogger(ReplicaHttp.class);
    private static final String JSON = "application/json; charset=utf-8";
    private static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";
    private static final String PATHS = "/healthz, /readyz, /status, /metrics";

    private final Server jetty;
    private final ServerConnector connector;
    private final InetSocketAddress bound;
    private final ReplicaMonitor monitor;
    private final Supplier<ReplayStats> stats;
    private final ReplicaMetrics metrics;
    /** The head block rule, once a geth chain is known to be replicated; read by the HTTP threads. */
    private volatile HeadBlockCheck headBlock;

    /**
     * Binds {@code address} and starts serving.
     *
     * @throws UncheckedIOException naming the address when it cannot be bound (in use, not local)
     */
    ReplicaHttp(InetSocketAddress address, ReplicaMonitor monitor, Supplier<ReplayStats> stats,
            ReplicaMetrics metrics) {
        this(address, monitor, stats, metrics, READ_TIMEOUT);
    }

    /** As the public constructor, with another read and header timeout (tests use a short one). */
    ReplicaHttp(InetSocketAddress address, ReplicaMonitor monitor, Supplier<ReplayStats> stats,
            ReplicaMetrics metrics, Duration readTimeout) {
        this.monitor = monitor;
        this.stats = stats;
        this.metrics = metrics;
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 2);
        threads.setName("cattle-replica-http");
        threads.setDaemon(true);
        jetty = new Server(threads);
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        config.setSendXPoweredBy(false);
        config.setRequestHeaderSize(MAX_HEADER_BYTES);
        connector = new ServerConnector(jetty, 1, 1, new HttpConnectionFactory(config));
        connector.setHost(address.getHostString());
        connector.setPort(address.getPort());
        connector.setIdleTimeout(readTimeout.toMillis());
        connector.addEventListener(firstRequestDeadline(readTimeout));
        jetty.addConnector(connector);
        jetty.setHandler(new Endpoints());
        jetty.setErrorHandler(new JsonErrors());
        try {
            jetty.start();
        } catch (Exception e) {
            try {
                jetty.stop();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            IOException cause = e instanceof IOException io ? io : new IOException(e);
            throw new UncheckedIOException("cannot serve HTTP on " + address.getHostString() + ":" + address.getPort()
                    + ": " + e.getMessage() + "; choose another --http address (port 0 picks a free one)", cause);
        }
        bound = new InetSocketAddress(address.getHostString(), connector.getLocalPort());
    }

    /** Closes a connection that has not sent its first request's headers within {@code timeout} of connecting. */
    private Connection.Listener firstRequestDeadline(Duration timeout) {
        return new Connection.Listener() {
            @Override
            public void onOpened(Connection connection) {
                connector.getScheduler().schedule(() -> {
                    if (connection.getMessagesIn() == 0) {
                        connection.getEndPoint().close();
                    }
                }, timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        };
    }

    /**
     * Adds the head block to {@code /status} and its age rule to {@code /readyz} (a replica of a geth chain);
     * {@code /metrics} gets it through {@link ReplicaMetrics#bindHeadBlock}.
     */
    void watchHeadBlock(HeadBlockCheck check) {
        this.headBlock = check;
    }

    /** The bound address (with the real port when 0 was asked for). */
    InetSocketAddress address() {
        return bound;
    }

    /** One answer: status code, content type and body. */
    private record Answer(int code, String type, String body) {
        static Answer json(int code, Map<String, Object> body) {
            return new Answer(code, JSON, Json.write(body));
        }

        static Answer error(int code, String message) {
            return json(code, Map.of("error", message));
        }
    }

    private final class Endpoints extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            String method = request.getMethod();
            if (!HttpMethod.GET.is(method) && !HttpMethod.HEAD.is(method)) {
                response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
                send(request, response, callback,
                        Answer.error(405, "method " + method + " is not served; use GET or HEAD"));
            } else if (request.getLength() > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING)) {
                // Refused, not read: none of the endpoints takes a body.
                send(request, response, callback, Answer.error(413, "a " + method + " here takes no body"));
            } else {
                send(request, response, callback, route(request.getHttpURI().getDecodedPath()));
            }
            return true;
        }
    }

    private Answer route(String path) {
        try {
            return switch (path) {
                case "/healthz" -> health();
                case "/readyz" -> readiness();
                case "/status" -> status();
                case "/metrics" -> new Answer(200, PROMETHEUS, metrics.scrape());
                default -> Answer.error(404, "no such path " + path + "; the paths are " + PATHS);
            };
        } catch (RuntimeException e) {
            // e.g. the store closing under a request during shutdown
            LOG.debug("request {} failed", path, e);
            return Answer.error(503, String.valueOf(e.getMessage()));
        }
    }

    private Answer health() {
        ReplayStats s = stats.get();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("alive", !s.failed());
        if (s.failed()) {
            body.put("failure", s.failure().getMessage());
        }
        return Answer.json(s.failed() ? 500 : 200, body);
    }

    private Answer readiness() {
        ReadinessReport r = monitor.readiness();
        Map<String, Object> body = StatusJson.readiness(r);
        boolean ready = r.isReady();
        HeadBlockCheck check = headBlock;
        if (ready && check != null) {
            Optional<String> old = check.notReady();
            if (old.isPresent()) {
                ready = false;
                body.put("ready", false);
                body.put("reason", "head-block-old");
                body.put("detail", old.get());
            }
        }
        return Answer.json(ready ? 200 : 503, body);
    }

    private Answer status() {
        Map<String, Object> body = StatusJson.status(monitor.status());
        HeadBlockCheck check = headBlock;
        if (check != null) {
            body.put("headBlock", check.status());
        }
        return Answer.json(200, body);
    }

    private static void send(Request request, Response response, Callback callback, Answer answer) {
        byte[] bytes = (answer.body() + "\n").getBytes(StandardCharsets.UTF_8);
        response.setStatus(answer.code());
        HttpFields.Mutable headers = response.getHeaders();
        headers.put(HttpHeader.CONTENT_TYPE, answer.type());
        headers.put(HttpHeader.CACHE_CONTROL, "no-store");
        headers.put(HttpHeader.CONTENT_LENGTH, bytes.length);
        // For HEAD, Jetty sends the headers (Content-Length included) and drops the body.
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }

    /** Jetty's refusals (malformed requests, oversize headers) as JSON instead of its HTML pages. */
    private static final class JsonErrors extends ErrorHandler {
        @Override
        public boolean errorPageForMethod(String method) {
            return true;
        }

        @Override
        protected void generateResponse(Request request, Response response, int code, String message,
                Throwable cause, Callback callback) {
            String error = code == HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE_431
                    ? "request line and headers exceed " + MAX_HEADER_BYTES + " bytes; send smaller headers"
                    : message != null ? message : HttpStatus.getMessage(code);
            send(request, response, callback, Answer.error(code, error));
        }
    }

    /** Stops accepting requests and ends the answering threads. */
    @Override
    public void close() {
        try {
            jetty.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the replica's HTTP server on " + bound.getHostString() + ":"
                    + bound.getPort() + " did not stop cleanly", e);
        }
    }
}
