package org.ethercattle.ethereum.upstream;

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
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.ethercattle.ethereum.rpc.RpcException;

/**
 * A JSON-RPC 2.0 client of one node over HTTP ({@code java.net.http}), one request per call.
 *
 * <p>Two kinds of failure are kept apart: the node answering with an error (thrown as {@link RpcException} with the
 * node's own code, message and data, so a caller can pass it through unchanged) and the node not answering (thrown
 * as {@link IOException}: connection refused, timeout, a non-200 status or a body that is not a JSON-RPC answer),
 * which is usually transient. Thread-safe.
 */
public final class JsonRpcClient {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final URI url;
    private final Duration timeout;
    private final HttpClient http;
    private final AtomicLong ids = new AtomicLong();

    /**
     * @param url the node's HTTP JSON-RPC endpoint
     * @param timeout how long one call may take, connection included
     */
    public JsonRpcClient(URI url, Duration timeout) {
        this.url = Objects.requireNonNull(url, "url");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** The endpoint. */
    public URI url() {
        return url;
    }

    /**
     * Calls {@code method} with positional {@code params}.
     *
     * @return the answer's {@code result} (JSON null when the node answered null)
     * @throws RpcException the node's error answer, as the node sent it
     * @throws IOException when the node did not answer with a JSON-RPC response
     * @throws InterruptedException when interrupted while waiting
     */
    public JsonNode call(String method, ArrayNode params) throws RpcException, IOException, InterruptedException {
        ObjectNode request = MAPPER.createObjectNode();
        request.put("jsonrpc", "2.0");
        request.put("id", ids.incrementAndGet());
        request.put("method", method);
        request.set("params", params);
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(MAPPER.writeValueAsBytes(request))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException(url + " answered " + method + " with HTTP " + response.statusCode());
        }
        JsonNode answer;
        try {
            answer = MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new IOException(url + " answered " + method + " with a body that is not JSON", e);
        }
        if (answer == null || !answer.isObject()) {
            throw new IOException(url + " answered " + method + " with something other than a JSON-RPC object");
        }
        JsonNode error = answer.get("error");
        if (error != null && !error.isNull()) {
            JsonNode data = error.get("data");
            throw new RpcException(error.path("code").asInt(RpcException.SERVER_ERROR),
                    error.path("message").asText(), data == null || data.isNull() ? null : data);
        }
        if (!answer.has("result")) {
            throw new IOException(url + " answered " + method + " with neither a result nor an error");
        }
        return answer.get("result");
    }
}
