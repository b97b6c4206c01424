package org.ethercattle.ethereum.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ethercattle.ethereum.rpc.Param.required;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The HTTP endpoint refuses and answers as geth's HTTP server does. */
class RpcServerTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final List<RpcServer> servers = new ArrayList<>();

    private RpcServer start(RpcLimits limits, CorsPolicy cors, VirtualHosts vhosts) throws IOException {
        RpcMethods methods = new RpcMethods()
                .register("test_echo", List.of(required(ParamType.JSON)), p -> p.node(0));
        RpcServer server = RpcServer.start("127.0.0.1", 0, methods, limits, cors, vhosts);
        servers.add(server);
        return server;
    }

    private RpcServer start() throws IOException {
        return start(RpcLimits.GETH_DEFAULTS, CorsPolicy.DISABLED, VirtualHosts.GETH_DEFAULT);
    }

    @AfterEach
    void stop() {
        servers.forEach(RpcServer::close);
    }

    private static HttpRequest.Builder post(RpcServer server, String body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A raw HTTP/1.1 exchange, for Host headers HttpClient will not send. */
    private static String raw(RpcServer server, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    @DisplayName("a POSTed call is answered 200 application/json, on the bound ephemeral port")
    void call() throws Exception {
        RpcServer server = start();
        assertThat(server.port()).isPositive();
        HttpResponse<String> response = send(post(server,
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test_echo\",\"params\":[\"0x1\"]}").build());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(response.body()).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x1\"}\n");
    }

    @Test
    @DisplayName("with a niceness, every server thread runs at that Linux nice value and the test's own threads do not")
    void niceness() throws Exception {
        RpcMethods methods = new RpcMethods()
                .register("test_echo", List.of(required(ParamType.JSON)), p -> p.node(0));
        RpcServer server = RpcServer.start("127.0.0.1", 0, methods, RpcLimits.GETH_DEFAULTS, CorsPolicy.DISABLED,
                VirtualHosts.GETH_DEFAULT, WebSocketOptions.DISABLED, 7);
        servers.add(server);
        assertThat(send(post(server, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test_echo\",\"params\":[1]}")
                .build()).body()).contains("\"result\":1");
        // A pool thread lowers itself when it starts, before its first job; one Jetty has just spawned may still be
        // running renice when /proc is read, so read until every server thread is lowered (or give up after 30 s).
        Map<String, Integer> niceByThread = niceByThread();
        for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                !allServerThreadsAt(niceByThread, 7) && System.nanoTime() < deadline; Thread.sleep(50)) {
            niceByThread = niceByThread();
        }
        Map<String, Integer> rpc = new HashMap<>(niceByThread);
        rpc.keySet().removeIf(name -> !name.startsWith("rpc-"));
        assertThat(rpc).as("the server's threads").isNotEmpty().allSatisfy((name, nice) -> assertThat(nice)
                .as(name).isEqualTo(7));
        assertThat(niceByThread).as("the JVM's main thread").anySatisfy((name, nice) -> {
            assertThat(name).startsWith("java/");
            assertThat(nice).isZero();
        });
    }

    private static boolean allServerThreadsAt(Map<String, Integer> niceByThread, int nice) {
        return niceByThread.entrySet().stream().filter(e -> e.getKey().startsWith("rpc-"))
                .allMatch(e -> e.getValue() == nice);
    }

    /** Each of this JVM's threads, as "name/tid", with its Linux nice value from /proc. */
    private static Map<String, Integer> niceByThread() throws IOException {
        Map<String, Integer> niceByThread = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (NoSuchFileException ended) {
                    continue; // the thread ended between listing and reading
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                // After "(comm)": state is field 3 of stat(5), nice field 19.
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                niceByThread.put(name + "/" + task.getFileName(), Integer.parseInt(fields[19 - 3]));
            }
        }
        return niceByThread;
    }

    @Test
    @DisplayName("a notification is answered 200 with an empty body; a parse error as JSON")
    void notificationAndParseError() throws Exception {
        RpcServer server = start();
        assertThat(send(post(server, "{\"jsonrpc\":\"2.0\",\"method\":\"test_echo\",\"params\":[1]}").build()).body())
                .isEmpty();
        assertThat(send(post(server, "{oops").build()).body())
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"parse error\"}}");
    }

    @Test
    @DisplayName("a wrong content type is 415 with geth's plain text")
    void contentType() throws Exception {
        RpcServer server = start();
        HttpResponse<String> response = send(post(server, "{}").setHeader("Content-Type", "text/plain").build());
        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.headers().firstValue("content-type")).hasValue("text/plain; charset=utf-8");
        assertThat(response.body()).isEqualTo("invalid content type, only application/json is supported\n");
        assertThat(send(post(server, "{}").setHeader("Content-Type", "application/json; charset=utf-8").build())
                .statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("GET without body is geth's health check; PUT and DELETE are 405; other paths 404")
    void methodsAndPaths() throws Exception {
        RpcServer server = start();
        URI root = URI.create("http://127.0.0.1:" + server.port() + "/");
        HttpResponse<String> health = send(HttpRequest.newBuilder(root).GET().build());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEmpty();
        HttpResponse<String> put = send(HttpRequest.newBuilder(root).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(put.body()).isEqualTo("method not allowed\n");
        HttpResponse<String> other = send(HttpRequest.newBuilder(root.resolve("/other")).GET().build());
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(other.body()).doesNotContain("<html").doesNotContain("Jetty");
    }

    @Test
    @DisplayName("a body declared larger than the limit is 413 with geth's text")
    void bodyLimit() throws Exception {
        RpcServer server = start(new RpcLimits(64, 1000, 0), CorsPolicy.DISABLED, VirtualHosts.GETH_DEFAULT);
        HttpResponse<String> response = send(post(server, "[" + "1,".repeat(40) + "1]").build());
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).isEqualTo("content length too large (83>64)\n");
    }

    @Test
    @DisplayName("the default 5 MiB limit is geth's 5242880")
    void defaultBodyLimit() throws Exception {
        RpcServer server = start();
        String body = "\"" + "x".repeat(5 * 1024 * 1024) + "\"";
        HttpResponse<String> response = send(post(server, body).build());
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).isEqualTo("content length too large (5242882>5242880)\n");
    }

    @Test
    @DisplayName("a Host name not in the vhosts is 403; localhost, IPs and no port pass")
    void virtualHosts() throws Exception {
        RpcServer server = start();
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"rpc_modules\"}";
        String refused = raw(server, "POST / HTTP/1.1\r\nHost: evil.example:8545\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body);
        assertThat(refused).startsWith("HTTP/1.1 403").endsWith("\r\n\r\ninvalid host specified\n");
        String allowed = raw(server, "POST / HTTP/1.1\r\nHost: localhost:8545\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body);
        assertThat(allowed).startsWith("HTTP/1.1 200").contains("\"result\":{\"rpc\":\"1.0\",\"test\":\"1.0\"}");
        RpcServer open = start(RpcLimits.GETH_DEFAULTS, CorsPolicy.DISABLED, VirtualHosts.of(List.of("*")));
        assertThat(raw(open, "GET / HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 200");
    }

    @Test
    @DisplayName("a CORS preflight from an allowed origin is 204 with rs/cors headers; others get none")
    void corsPreflight() throws Exception {
        RpcServer server = start(RpcLimits.GETH_DEFAULTS, new CorsPolicy(List.of("https://app.example")),
                VirtualHosts.GETH_DEFAULT);
        URI root = URI.create("http://127.0.0.1:" + server.port() + "/");
        HttpResponse<String> allowed = send(HttpRequest.newBuilder(root)
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://app.example").header("Access-Control-Request-Method", "post")
                .header("Access-Control-Request-Headers", "content-type").build());
        assertThat(allowed.statusCode()).isEqualTo(204);
        assertThat(allowed.headers().firstValue("access-control-allow-origin")).hasValue("https://app.example");
        assertThat(allowed.headers().firstValue("access-control-allow-methods")).hasValue("POST");
        assertThat(allowed.headers().firstValue("access-control-allow-headers")).hasValue("content-type");
        assertThat(allowed.headers().firstValue("access-control-max-age")).hasValue("600");
        HttpResponse<String> refused = send(HttpRequest.newBuilder(root)
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST").build());
        assertThat(refused.statusCode()).isEqualTo(204);
        assertThat(refused.headers().firstValue("access-control-allow-origin")).isEmpty();
    }

    @Test
    @DisplayName("an actual cross-origin call gets Access-Control-Allow-Origin; '*' answers '*'")
    void corsActual() throws Exception {
        RpcServer server = start(RpcLimits.GETH_DEFAULTS, new CorsPolicy(List.of("*")), VirtualHosts.GETH_DEFAULT);
        HttpResponse<String> response = send(post(server, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"rpc_modules\"}")
                .header("Origin", "https://any.example").build());
        assertThat(response.headers().firstValue("access-control-allow-origin")).hasValue("*");
        assertThat(response.headers().allValues("vary")).contains("Origin");
        RpcServer plain = start();
        assertThat(send(post(plain, "{}").header("Origin", "https://any.example").build())
                .headers().firstValue("access-control-allow-origin")).isEmpty();
    }

    @Test
    @DisplayName("concurrent calls each get their own answer")
    void concurrent() throws Exception {
        RpcServer server = start();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                String body = "{\"jsonrpc\":\"2.0\",\"id\":" + i + ",\"method\":\"test_echo\",\"params\":[" + i + "]}";
                answers.add(pool.submit(() -> send(post(server, body).build()).body()));
            }
            for (int i = 0; i < answers.size(); i++) {
                assertThat(answers.get(i).get()).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":" + i + ",\"result\":" + i + "}\n");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
