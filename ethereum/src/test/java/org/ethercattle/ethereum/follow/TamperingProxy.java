package org.ethercattle.ethereum.follow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * A JSON-RPC proxy in front of a real node that can lie: it rewrites the result of chosen methods (in single calls
 * and in batches), or answers
 * HTTP 503 for a number of requests as a node that is down would. Stands in for a faulty node in follower tests.
 */
final class TamperingProxy implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, UnaryOperator<JsonNode>> rewrites = new ConcurrentHashMap<>();
    private final AtomicInteger unavailable = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();

    TamperingProxy(String target) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            byte[] answer;
            int status = 200;
            if (unavailable.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                refused.incrementAndGet();
                status = 503;
                answer = "node is starting".getBytes(StandardCharsets.UTF_8);
            } else {
                answer = forward(target, body);
            }
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    /** The proxy's URL. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** From now on, {@code method}'s results pass through {@code rewrite}. */
    void rewrite(String method, UnaryOperator<JsonNode> rewrite) {
        rewrites.put(method, rewrite);
    }

    /** The next {@code requests} requests are answered HTTP 503. */
    void unavailableFor(int requests) {
        unavailable.set(requests);
    }

    /** How many requests were answered 503. */
    int refused() {
        return refused.get();
    }

    private byte[] forward(String target, byte[] body) throws IOException {
        try {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(target))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            JsonNode request = MAPPER.readTree(body);
            // A batch names its method in each call; the follower batches one method at a time.
            String method = (request.isArray() ? request.get(0) : request).path("method").asText();
            UnaryOperator<JsonNode> rewrite = rewrites.get(method);
            if (rewrite == null) {
                return r.body();
            }
            JsonNode reply = MAPPER.readTree(r.body());
            for (JsonNode one : reply.isArray() ? reply : List.of(reply)) {
                if (one.hasNonNull("result")) {
                    ((ObjectNode) one).set("result", rewrite.apply(one.get("result").deepCopy()));
                }
            }
            return MAPPER.writeValueAsBytes(reply);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
