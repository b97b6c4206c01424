package org.ethercattle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.ethercattle.api.Database;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.replay.ChainHeads;
import org.ethercattle.core.memory.MemoryDatabase;
import org.ethercattle.core.memory.MemoryLog;
import org.ethercattle.core.replay.ReplayStats;
import org.ethercattle.core.status.ReadinessPolicy;
import org.ethercattle.core.status.ReplicaMonitor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The replica's HTTP port against clients that misbehave: stalled and trickling connections, oversize
 * headers, other paths, methods and bodies. Real sockets on loopback; the server's read timeout is
 * {@link #TIMEOUT} here so that the tests see stalled connections dropped without waiting long. The tests wait
 * for what the server does (close a connection, answer) without bounds of their own; a server that hangs is
 * ended by JUnit's timeout, on a thread of its own since a blocked socket read ignores interrupts.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ReplicaHttpTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final String JSON = "application/json; charset=utf-8";

    private final String name = "replica-http-test-" + UUID.randomUUID();
    private final MemoryLog log = MemoryLog.open(name);
    private final Database store = MemoryDatabase.open();
    private final LogConsumer probe = log.newConsumer();
    private final ReplayStats stats = new ReplayStats(0, 0, 0, null, -1, null);
    private final ReplicaHttp http = new ReplicaHttp(new InetSocketAddress("127.0.0.1", 0),
            new ReplicaMonitor(store, probe, () -> stats, ReadinessPolicy.DEFAULT, ChainHeads.none(),
                    Clock.systemUTC()),
            () -> stats, new ReplicaMetrics(probe.streamId()), TIMEOUT);
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<Socket> sockets = new ArrayList<>();

    @AfterEach
    void close() throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
        http.close();
        probe.close();
        store.close();
        MemoryLog.discard(name);
    }

    @Test
    @DisplayName("while clients hold half-sent requests and silent connections, /readyz is still answered; "
            + "the server then closes them")
    void stalledClientsDoNotHoldUpOthersAndAreDropped() throws Exception {
        List<Socket> stalled = new ArrayList<>();
        for (int i = 0; i < 2 * ReplicaHttp.MAX_THREADS; i++) {
            Socket s = connect();
            s.getOutputStream().write(ascii("GET /readyz HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: appl"));
            s.getOutputStream().flush();
            stalled.add(s);
        }
        stalled.add(connect()); // connects and sends nothing

        HttpResponse<String> readyz = get("/readyz");
        assertThat(readyz.statusCode()).isIn(200, 503);
        assertThat(readyz.headers().firstValue("Content-Type")).hasValue(JSON);
        assertThat(readyz.body()).startsWith("{\"ready\":");

        for (Socket s : stalled) {
            assertThat(readToEnd(s)).as("what the server sent a stalled client before closing").isEmpty();
        }
    }

    @Test
    @DisplayName("a client trickling its request headers a byte at a time is closed by the header timeout")
    void tricklingClientIsDropped() throws Exception {
        Socket s = connect();
        OutputStream out = s.getOutputStream();
        out.write(ascii("GET /readyz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "));
        try {
            // Each byte comes well within the read timeout, so only the header timeout can end this.
            while (true) {
                out.write('a');
                out.flush();
                Thread.sleep(TIMEOUT.toMillis() / 20);
            }
        } catch (IOException closedByServer) {
            // what a write on a connection the server closed gets: reset, or broken pipe
        }
        assertThat(get("/readyz").statusCode()).isIn(200, 503);
    }

    @Test
    @DisplayName("a 2 MB header is answered 431 with JSON, and the server keeps answering afterwards")
    void oversizeHeaderIs431() throws Exception {
        Socket s = connect();
        Thread sender = new Thread(() -> {
            try {
                OutputStream out = s.getOutputStream();
                out.write(ascii("GET /readyz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: "));
                out.write(ascii("a".repeat(2 << 20)));
                out.write(ascii("\r\n\r\n"));
                out.flush();
            } catch (IOException expected) {
                // the server stops reading after its limit and closes the connection
            }
        });
        sender.start();
        String answer = readToEnd(s);
        sender.join();

        assertThat(answer).startsWith("HTTP/1.1 431 ");
        assertThat(answer).contains("Content-Type: " + JSON);
        assertThat(answer).contains("{\"error\":\"request line and headers exceed " + ReplicaHttp.MAX_HEADER_BYTES
                + " bytes; send smaller headers\"}");
        assertThat(get("/readyz").statusCode()).isIn(200, 503);
    }

    @Test
    @DisplayName("an unknown path is a JSON 404 naming the paths there are")
    void unknownPathIsJson404() throws Exception {
        HttpResponse<String> r = get("/foo");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("Content-Type")).hasValue(JSON);
        assertThat(r.body()).isEqualTo(
                "{\"error\":\"no such path /foo; the paths are /healthz, /readyz, /status, /metrics\"}\n");
    }

    @Test
    @DisplayName("POST is a JSON 405 with Allow: GET, HEAD")
    void postIsJson405() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/readyz")).POST(BodyPublishers.noBody()));
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("Allow")).hasValue("GET, HEAD");
        assertThat(r.headers().firstValue("Content-Type")).hasValue(JSON);
        assertThat(r.body()).isEqualTo("{\"error\":\"method POST is not served; use GET or HEAD\"}\n");
    }

    @Test
    @DisplayName("a GET with a body is refused with a JSON 413")
    void bodyIsRefused() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/readyz"))
                .method("GET", BodyPublishers.ofString("x".repeat(10_000))));
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.headers().firstValue("Content-Type")).hasValue(JSON);
        assertThat(r.body()).isEqualTo("{\"error\":\"a GET here takes no body\"}\n");
    }

    @Test
    @DisplayName("a malformed request gets Jetty's 400 as JSON, not an HTML page")
    void malformedRequestIsJson400() throws Exception {
        Socket s = connect();
        s.getOutputStream().write(ascii("GET /readyz HTTP/1.1\r\nHost: 127.0.0.1\r\nno colon here\r\n\r\n"));
        String answer = readToEnd(s);
        assertThat(answer).startsWith("HTTP/1.1 400 ");
        assertThat(answer).contains("Content-Type: " + JSON);
        assertThat(answer).contains("{\"error\":\"");
        assertThat(answer).doesNotContainIgnoringCase("<html");
    }

    @Test
    @DisplayName("HEAD answers as GET does, without the body")
    void headHasNoBody() throws Exception {
        HttpResponse<String> get = get("/healthz");
        HttpResponse<String> head = send(HttpRequest.newBuilder(uri("/healthz"))
                .method("HEAD", BodyPublishers.noBody()));
        assertThat(get.body()).isEqualTo("{\"alive\":true}\n");
        assertThat(head.statusCode()).isEqualTo(get.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Type")).hasValue(JSON);
        assertThat(head.headers().firstValue("Content-Length")).hasValue(String.valueOf(get.body().length()));
        assertThat(head.body()).isEmpty();
    }

    @Test
    @DisplayName("/metrics is Prometheus text and /status JSON")
    void metricsAndStatus() throws Exception {
        HttpResponse<String> metrics = get("/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(metrics.body()).contains("# TYPE cattle_replica_");
        HttpResponse<String> status = get("/status");
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(status.headers().firstValue("Content-Type")).hasValue(JSON);
        assertThat(status.body()).startsWith("{\"stream\":");
    }

    private Socket connect() throws IOException {
        Socket s = new Socket();
        sockets.add(s);
        s.connect(http.address());
        return s;
    }

    /** Everything the server sends until it closes the connection. */
    private static String readToEnd(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), BodyHandlers.ofString());
    }

    private URI uri(String path) {
        InetSocketAddress a = http.address();
        return URI.create("http://" + a.getHostString() + ":" + a.getPort() + path);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
