package org.ethercattle.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in node for command tests that records what it is asked: {@code eth_sendRawTransaction} answers a fixed
 * hash, except for the transaction {@link #REFUSED}, refused with geth's "nonce too low" text; {@code eth_call}
 * answers {@code 0x2a}; anything else -32601.
 */
final class RecordingNode implements AutoCloseable {

    /** The raw transaction the node refuses. */
    static final String REFUSED = "0x02bd";
    /** What the node answers a transaction it takes. */
    static final String HASH = "0x" + "ab".repeat(32);

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpServer server;
    private final List<String> transactions = new CopyOnWriteArrayList<>();
    private final List<String> methods = new CopyOnWriteArrayList<>();

    RecordingNode() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            JsonNode request = MAPPER.readTree(exchange.getRequestBody());
            String method = request.path("method").asText();
            methods.add(method);
            String answer;
            if (method.equals("eth_sendRawTransaction")) {
                String raw = request.path("params").get(0).asText();
                transactions.add(raw);
                answer = raw.equals(REFUSED)
                        ? "\"error\":{\"code\":-32000,\"message\":\"nonce too low: next nonce 4, tx nonce 1\"}"
                        : "\"result\":\"" + HASH + "\"";
            } else if (method.equals("eth_call")) {
                answer = "\"result\":\"0x2a\"";
            } else {
                answer = "\"error\":{\"code\":-32601,\"message\":\"the method " + method
                        + " does not exist/is not available\"}";
            }
            byte[] body = ("{\"jsonrpc\":\"2.0\",\"id\":" + request.path("id") + "," + answer + "}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(body);
            }
        });
        server.start();
    }

    /** The node's URL. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The raw transactions submitted so far, in order, as hex. */
    List<String> transactions() {
        return List.copyOf(transactions);
    }

    /** The methods called so far, in order. */
    List<String> methods() {
        return List.copyOf(methods);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
