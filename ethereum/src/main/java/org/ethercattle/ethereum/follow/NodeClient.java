package org.ethercattle.ethereum.follow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A JSON-RPC 2.0 client of one execution node over HTTP. Every request first waits for the {@link RequestRate};
 * a node that cannot be reached is retried with backoff as the {@link RetryPolicy} says, so a follower rides out
 * a node restart. Thread-safe.
 */
public final class NodeClient {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** Calls per batch request; geth accepts 1000 by default, and smaller batches keep answers small. */
    static final int BATCH_LIMIT = 100;

    private final URI url;
    private final RequestRate rate;
    private final RetryPolicy retry;
    private final HttpClient http;
    private final AtomicLong ids = new AtomicLong();

    /**
     * A client of the node at {@code url}.
     *
     * @param url the node's HTTP JSON-RPC endpoint
     * @param rate the bound on requests sent
     * @param retry how long and how often to retry while the node is unreachable
     */
    public NodeClient(URI url, RequestRate rate, RetryPolicy retry) {
        String scheme = url.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("node URL " + url + " is not http(s); give the node's HTTP JSON-RPC "
                    + "endpoint, such as http://127.0.0.1:8545");
        }
        this.url = url;
        this.rate = rate;
        this.retry = retry;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** The node's endpoint. */
    public URI url() {
        return url;
    }

    /**
     * Calls {@code method} with positional {@code params} (strings, numbers, booleans or JSON nodes).
     *
     * @return the {@code result} (a JSON null node when the node answered null; never Java null)
     * @throws NodeException when the node answers with an error, or stays unreachable past the retry policy
     */
    public JsonNode call(String method, Object... params) {
        ObjectNode request = MAPPER.createObjectNode();
        request.put("jsonrpc", "2.0");
        request.put("id", ids.incrementAndGet());
        request.put("method", method);
        ArrayNode array = request.putArray("params");
        for (Object p : params) {
            array.add(MAPPER.valueToTree(p));
        }
        JsonNode reply = send(method, request.toString());
        JsonNode error = reply.get("error");
        if (error != null && !error.isNull()) {
            throw new NodeException("node " + url + " answered " + method + " with error " + error, error.path("code")
                    .asInt(), null);
        }
        if (!reply.has("result")) {
            throw new NodeException("node " + url + " answered " + method + " with neither result nor error: "
                    + reply, 0, null);
        }
        return reply.get("result");
    }

    /**
     * Calls {@code method} once per parameter list, in JSON-RPC batches of at most {@value #BATCH_LIMIT} calls
     * (one HTTP request each, which is what the {@link RequestRate} counts).
     *
     * @return the results in the order of {@code paramsPerCall}
     * @throws NodeException when any call answers with an error, or the node stays unreachable
     */
    public List<JsonNode> callEach(String method, List<List<Object>> paramsPerCall) {
        List<JsonNode> results = new ArrayList<>(paramsPerCall.size());
        for (int from = 0; from < paramsPerCall.size(); from += BATCH_LIMIT) {
            List<List<Object>> chunk = paramsPerCall.subList(from, Math.min(paramsPerCall.size(), from + BATCH_LIMIT));
            ArrayNode batch = MAPPER.createArrayNode();
            long first = ids.getAndAdd(chunk.size()) + 1;
            for (int i = 0; i < chunk.size(); i++) {
                ObjectNode request = batch.addObject();
                request.put("jsonrpc", "2.0");
                request.put("id", first + i);
                request.put("method", method);
                ArrayNode array = request.putArray("params");
                chunk.get(i).forEach(p -> array.add(MAPPER.valueToTree(p)));
            }
            JsonNode replies = send(method, batch.toString());
            if (!replies.isArray()) {
                // A node without batch support answers the batch with one error object.
                throw new NodeException("node " + url + " did not answer a JSON-RPC batch of " + method + ": "
                        + abbreviate(replies.toString()), replies.path("error").path("code").asInt(), null);
            }
            Map<Long, JsonNode> byId = new HashMap<>();
            replies.forEach(r -> byId.put(r.path("id").asLong(), r));
            for (int i = 0; i < chunk.size(); i++) {
                JsonNode reply = byId.get(first + i);
                if (reply == null || reply.hasNonNull("error") || !reply.has("result")) {
                    throw new NodeException("node " + url + " answered " + method + chunk.get(i) + " in a batch with "
                            + reply, reply == null ? 0 : reply.path("error").path("code").asInt(), null);
                }
                results.add(reply.get("result"));
            }
        }
        return results;
    }

    private JsonNode send(String method, String body) {
        long deadline = System.nanoTime() + retry.giveUpAfter().toNanos();
        Duration backoff = retry.initialBackoff();
        while (true) {
            String failure;
            Exception cause = null;
            try {
                rate.acquire();
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(url)
                        .timeout(REQUEST_TIMEOUT)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(), HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status == 200) {
                    return MAPPER.readTree(response.body());
                }
                if (status != 429 && status < 500) {
                    throw new NodeException("node " + url + " answered " + method + " with HTTP " + status + ": "
                            + abbreviate(response.body()) + "; check the URL points at a JSON-RPC endpoint", 0, null);
                }
                failure = "HTTP " + status;
            } catch (IOException e) {
                failure = e.toString();
                cause = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NodeException("interrupted while calling " + method + " on " + url, 0, e);
            }
            if (System.nanoTime() + backoff.toNanos() > deadline) {
                throw new NodeException("node " + url + " did not answer " + method + " (" + failure + ") within "
                        + retry.giveUpAfter() + "; check that it is running and reachable", 0, cause);
            }
            try {
                Thread.sleep(backoff.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NodeException("interrupted while waiting to retry " + method + " on " + url, 0, e);
            }
            backoff = backoff.multipliedBy(2).compareTo(retry.maxBackoff()) > 0 ? retry.maxBackoff()
                    : backoff.multipliedBy(2);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
