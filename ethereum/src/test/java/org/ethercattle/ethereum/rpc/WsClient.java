package org.ethercattle.ethereum.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A test WebSocket client ({@code java.net.http.WebSocket}) that collects whole text messages in order. With
 * {@code reading} false it reads nothing past the messages it is asked for ({@link #read}), so the server sees a
 * client that does not keep up.
 */
public final class WsClient implements AutoCloseable {

    /** How long a test waits for a message before failing: generous, since no timing is asserted. */
    public static final long WAIT_SECONDS = 30;

    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private WsClient(URI uri, boolean reading, String origin) {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        if (origin != null) {
            builder.header("Origin", origin);
        }
        this.socket = builder.buildAsync(uri, new Collector(reading)).join();
    }

    /** A client of {@code server}'s port that reads every message as it comes. */
    public static WsClient connect(int port) {
        return new WsClient(URI.create("ws://127.0.0.1:" + port + "/"), true, null);
    }

    /** A client that reads only the messages {@link #read} asks for. */
    public static WsClient connectNotReading(int port) {
        return new WsClient(URI.create("ws://127.0.0.1:" + port + "/"), false, null);
    }

    /** A client sending an {@code Origin} header, as a browser does. */
    public static CompletableFuture<WebSocket> connectFrom(int port, String origin) {
        return HttpClient.newHttpClient().newWebSocketBuilder().header("Origin", origin)
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/"), new WebSocket.Listener() { });
    }

    /** Sends one text message. */
    public WsClient send(String text) {
        socket.sendText(text, true).join();
        return this;
    }

    /** The next message; fails the test when none comes within {@link #WAIT_SECONDS}. */
    public String next() throws InterruptedException {
        String message = messages.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(message).as("a message within %d s", WAIT_SECONDS).isNotNull();
        return message;
    }

    /** Sends {@code text} and returns the next message. */
    public String call(String text) throws InterruptedException {
        send(text);
        return next();
    }

    /** Lets a not-reading client read {@code n} more messages. */
    public void read(long n) {
        socket.request(n);
    }

    /** Completes with how the connection ended ("close CODE" or "error TYPE"). */
    public CompletableFuture<String> ended() {
        return closed;
    }

    /** The messages received and not yet taken. */
    public int pending() {
        return messages.size();
    }

    @Override
    public void close() {
        socket.abort();
    }

    private final class Collector implements WebSocket.Listener {
        private final boolean reading;
        private final StringBuilder partial = new StringBuilder();

        Collector(boolean reading) {
            this.reading = reading;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            if (reading || !last) {
                webSocket.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete("close " + statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete("error " + error.getClass().getSimpleName());
        }
    }
}
