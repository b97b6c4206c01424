package org.ethercattle.ethereum.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ethercattle.ethereum.rpc.Param.required;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The WebSocket endpoint serves JSON-RPC and subscriptions as geth's {@code --ws} does. */
class RpcWebSocketTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<AutoCloseable> open = new ArrayList<>();
    /** Subscriptions of the {@code test_ticks} kind that are still running. */
    private final AtomicInteger running = new AtomicInteger();
    /** Released once per ended {@code test_ticks} subscription. */
    private final Semaphore ended = new Semaphore(0);

    /** {@code test_subscribe("ticks", n)}: sends "tick 0" .. "tick n-1" at once, before its answer is out. */
    private Runnable ticks(Params p, Notifier notifier) {
        running.incrementAndGet();
        for (long i = 0; i < p.uint64(1); i++) {
            notifier.send("tick " + i);
        }
        return () -> {
            running.decrementAndGet();
            ended.release();
        };
    }

    private RpcServer start(WebSocketOptions ws, RpcMethods methods) throws IOException {
        methods.register("test_echo", List.of(required(ParamType.JSON)), p -> p.node(0))
                .registerSubscription("test", "ticks", List.of(required(ParamType.UINT64)), this::ticks);
        RpcServer server = RpcServer.start("127.0.0.1", 0, methods, RpcLimits.GETH_DEFAULTS, CorsPolicy.DISABLED,
                VirtualHosts.GETH_DEFAULT, ws);
        open.add(server);
        return server;
    }

    private RpcServer start(WebSocketOptions ws) throws IOException {
        return start(ws, new RpcMethods());
    }

    private WsClient client(RpcServer server) {
        WsClient client = WsClient.connect(server.port());
        open.add(client);
        return client;
    }

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private static JsonNode json(String text) throws IOException {
        return JSON.readTree(text);
    }

    @Test
    @DisplayName("a call over the WebSocket is answered as over HTTP, each message ending in a newline")
    void call() throws Exception {
        WsClient ws = client(start(WebSocketOptions.GETH_DEFAULTS));
        assertThat(ws.call("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"test_echo\",\"params\":[\"0x1\"]}"))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":\"0x1\"}\n");
        assertThat(ws.call("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"nope_nope\"}")).isEqualTo(
                "{\"jsonrpc\":\"2.0\",\"id\":8,\"error\":{\"code\":-32601,\"message\":\"the method nope_nope does not"
                        + " exist/is not available\"}}\n");
        assertThat(ws.call("{")).isEqualTo(
                "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"parse error\"}}\n");
    }

    @Test
    @DisplayName("a batch over the WebSocket is answered with one array message")
    void batch() throws Exception {
        WsClient ws = client(start(WebSocketOptions.GETH_DEFAULTS));
        assertThat(ws.call("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test_echo\",\"params\":[1]},"
                + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"test_echo\",\"params\":[2]}]"))
                .isEqualTo("[{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":1},{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":2}]\n");
    }

    @Test
    @DisplayName("subscribe answers a 0x id; the notifications follow the answer, in order, in geth's shape")
    void subscribe() throws Exception {
        WsClient ws = client(start(WebSocketOptions.GETH_DEFAULTS));
        JsonNode answer = json(ws.call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test_subscribe\","
                + "\"params\":[\"ticks\",\"0x3\"]}"));
        String id = answer.get("result").asText();
        assertThat(id).matches("0x[0-9a-f]{1,32}");
        for (int i = 0; i < 3; i++) {
            assertThat(ws.next()).isEqualTo("{\"jsonrpc\":\"2.0\",\"method\":\"test_subscription\",\"params\":"
                    + "{\"subscription\":\"" + id + "\",\"result\":\"tick " + i + "\"}}\n");
        }
    }

    @Test
    @DisplayName("unsubscribe answers true and ends the subscription; a second time it is 'subscription not found'")
    void unsubscribe() throws Exception {
        WsClient ws = client(start(WebSocketOptions.GETH_DEFAULTS));
        String id = json(ws.call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test_subscribe\","
                + "\"params\":[\"ticks\",\"0x0\"]}")).get("result").asText();
        assertThat(running).hasValue(1);
        String unsubscribe = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"test_unsubscribe\",\"params\":[\"" + id + "\"]}";
        assertThat(ws.call(unsubscribe)).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":true}\n");
        assertThat(running).hasValue(0);
        assertThat(ws.call(unsubscribe)).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":2,\"error\":{\"code\":-32000,"
                + "\"message\":\"subscription not found\"}}\n");
    }

    @Test
    @DisplayName("subscribe errors are geth's: no name, an unknown kind, bad arguments")
    void subscribeErrors() throws Exception {
        WsClient ws = client(start(WebSocketOptions.GETH_DEFAULTS));
        assertThat(json(ws.call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test_subscribe\",\"params\":{}}"))
                .get("error").toString()).isEqualTo("{\"code\":-32602,\"message\":\"non-array args\"}");
        assertThat(json(ws.call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test_subscribe\",\"params\":[]}"))
                .get("error").toString())
                .isEqualTo("{\"code\":-32602,\"message\":\"expected subscription name as first argument\"}");
        assertThat(json(ws.call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test_subscribe\",\"params\":[\"foo\"]}"))
                .get("error").toString())
                .isEqualTo("{\"code\":-32601,\"message\":\"no \\\"foo\\\" subscription in test namespace\"}");
        assertThat(json(ws.call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test_subscribe\",\"params\":[\"ticks\"]}"))
                .get("error").toString())
                .isEqualTo("{\"code\":-32602,\"message\":\"missing value for required argument 1\"}");
        assertThat(running).hasValue(0);
    }

    @Test
    @DisplayName("a connection holds at most maxSubscriptions; the next subscribe is refused naming the bound")
    void subscriptionBound() throws Exception {
        WsClient ws = client(start(WebSocketOptions.GETH_DEFAULTS.withBounds(2, 100)));
        String subscribe = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test_subscribe\",\"params\":[\"ticks\",\"0x0\"]}";
        String first = json(ws.call(subscribe)).get("result").asText();
        assertThat(json(ws.call(subscribe)).has("result")).isTrue();
        JsonNode refused = json(ws.call(subscribe)).get("error");
        assertThat(refused.get("code").asInt()).isEqualTo(-32000);
        assertThat(refused.get("message").asText()).isEqualTo("too many subscriptions on this connection (the limit"
                + " is 2); end some with test_unsubscribe before subscribing again, or open another connection");
        assertThat(running).hasValue(2);
        ws.call("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"test_unsubscribe\",\"params\":[\"" + first + "\"]}");
        assertThat(json(ws.call(subscribe)).has("result")).isTrue();
    }

    @Test
    @DisplayName("closing the connection ends its subscriptions")
    void closeEnds() throws Exception {
        RpcServer server = start(WebSocketOptions.GETH_DEFAULTS);
        WsClient ws = client(server);
        ws.call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test_subscribe\",\"params\":[\"ticks\",\"0x0\"]}");
        assertThat(running).hasValue(1);
        ws.close();
        // The server learns of the close asynchronously.
        assertThat(ended.tryAcquire(WsClient.WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(running).hasValue(0);
    }

    @Test
    @DisplayName("a client that does not read its notifications is disconnected once maxQueuedMessages are unread")
    void slowClient() throws Exception {
        int flood = 20_000;
        String payload = "x".repeat(16 * 1024);
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicInteger accepted = new AtomicInteger();
        // The flood starts once the client holds its subscribe answer: notifications sent before the answer is
        // written are held back and bounded per subscription (that subscription alone is ended), which is not
        // the connection-wide bound this test is about.
        CountDownLatch answered = new CountDownLatch(1);
        RpcMethods methods = new RpcMethods().registerSubscription("flood", "big", List.of(), (p, notifier) -> {
            Thread producer = new Thread(() -> {
                awaitAtMostWait(answered);
                for (int i = 0; i < flood; i++) {
                    if (!notifier.send(payload)) {
                        stopped.countDown();
                        return;
                    }
                    accepted.incrementAndGet();
                }
            });
            producer.setDaemon(true);
            producer.start();
            return () -> { };
        });
        RpcServer server = start(WebSocketOptions.GETH_DEFAULTS.withBounds(10, 64), methods);
        WsClient ws = WsClient.connectNotReading(server.port());
        open.add(ws);
        assertThat(json(ws.call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"flood_subscribe\",\"params\":[\"big\"]}"))
                .has("result")).isTrue();
        answered.countDown();
        assertThat(stopped.await(WsClient.WAIT_SECONDS, TimeUnit.SECONDS))
                .as("the server refused further notifications").isTrue();
        assertThat(accepted.get()).isLessThan(flood);
        ws.read(Long.MAX_VALUE);
        assertThat(ws.ended().get(WsClient.WAIT_SECONDS, TimeUnit.SECONDS)).isNotNull();
        assertThat(ws.pending()).isLessThanOrEqualTo(accepted.get());
    }

    @Test
    @DisplayName("a subscription that sends more than maxQueuedMessages before its answer is out is ended alone; "
            + "the connection stays")
    void floodBeforeAnswer() throws Exception {
        RpcServer server = start(WebSocketOptions.GETH_DEFAULTS.withBounds(10, 8));
        WsClient ws = client(server);
        String answer = ws.call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test_subscribe\",\"params\":[\"ticks\",\"0x64\"]}");
        assertThat(json(answer).path("result").asText()).startsWith("0x");
        assertThat(ws.call("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"test_echo\",\"params\":[\"still here\"]}"))
                .as("the next message is the echo answer: none of the 100 held notifications was sent")
                .contains("\"id\":2").contains("still here");
        assertThat(ws.ended()).isNotDone();
    }

    @Test
    @DisplayName("over HTTP subscribe is still 'notifications not supported', though kinds are registered")
    void httpRefuses() throws Exception {
        RpcServer server = start(WebSocketOptions.GETH_DEFAULTS);
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test_subscribe\",\"params\":[\"ticks\",\"0x1\"]}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32601,"
                + "\"message\":\"notifications not supported\"}}\n");
        assertThat(running).hasValue(0);
    }

    @Test
    @DisplayName("without the ws option an upgrade is not accepted")
    void disabled() throws Exception {
        RpcServer server = start(WebSocketOptions.DISABLED);
        assertThat(WsClient.connectFrom(server.port(), "http://localhost")).failsWithin(
                Duration.ofSeconds(WsClient.WAIT_SECONDS)).withThrowableThat()
                .withCauseInstanceOf(WebSocketHandshakeException.class);
    }

    @Test
    @DisplayName("a browser origin is accepted only when allowed: localhost by default, any with '*'")
    void origins() throws Exception {
        RpcServer server = start(WebSocketOptions.GETH_DEFAULTS);
        assertThat(WsClient.connectFrom(server.port(), "http://localhost").join()).isNotNull();
        try {
            WsClient.connectFrom(server.port(), "http://evil.example").join();
            throw new AssertionError("an upgrade from a foreign origin was accepted");
        } catch (CompletionException e) {
            assertThat(e.getCause()).isInstanceOf(WebSocketHandshakeException.class);
            assertThat(((WebSocketHandshakeException) e.getCause()).getResponse().statusCode()).isEqualTo(403);
        }
        RpcServer any = start(WebSocketOptions.GETH_DEFAULTS.withOrigins(List.of("*")), new RpcMethods());
        assertThat(WsClient.connectFrom(any.port(), "http://evil.example").join()).isNotNull();
    }

    @Test
    @DisplayName("a subscription kind is registered once, by name; its namespace appears in rpc_modules")
    void registration() throws Exception {
        RpcMethods methods = new RpcMethods().registerSubscription("sub", "only", List.of(), (p, n) -> () -> { });
        assertThat(methods.modules()).containsEntry("sub", "1.0");
        assertThatThrownBy(() -> methods.registerSubscription("sub", "only", List.of(),
                (p, n) -> () -> { })).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already");
        assertThatThrownBy(() -> methods.register("sub_subscribe", List.of(), p -> 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("registerSubscription");
    }

    @Test
    @DisplayName("the WebSocket is served at / only; an upgrade elsewhere gets geth's empty 200")
    void pathOnlyRoot() throws Exception {
        RpcServer server = start(WebSocketOptions.GETH_DEFAULTS);
        try {
            HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/other"), new WebSocket.Listener() { })
                    .join();
            throw new AssertionError("an upgrade at /other was accepted");
        } catch (CompletionException e) {
            assertThat(e.getCause()).isInstanceOf(WebSocketHandshakeException.class);
            assertThat(((WebSocketHandshakeException) e.getCause()).getResponse().statusCode()).isEqualTo(200);
        }
    }

    @Test
    @DisplayName("a subscribe inside a batch: the batch answer comes first, then the notifications")
    void subscribeInBatch() throws Exception {
        WsClient ws = client(start(WebSocketOptions.GETH_DEFAULTS));
        JsonNode answers = json(ws.call("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test_subscribe\","
                + "\"params\":[\"ticks\",\"0x2\"]},{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"test_echo\","
                + "\"params\":[true]}]"));
        assertThat(answers.size()).isEqualTo(2);
        String id = answers.get(0).get("result").asText();
        assertThat(answers.get(1).get("result").asBoolean()).isTrue();
        assertThat(json(ws.next()).get("params").get("subscription").asText()).isEqualTo(id);
        assertThat(json(ws.next()).get("params").get("result").asText()).isEqualTo("tick 1");
    }

    private static void awaitAtMostWait(CountDownLatch latch) {
        try {
            latch.await(WsClient.WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
