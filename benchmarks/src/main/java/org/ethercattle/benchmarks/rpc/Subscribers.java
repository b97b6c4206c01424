package org.ethercattle.benchmarks.rpc;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Many WebSocket clients, each with one {@code eth_subscribe("newHeads")}, recording when each block's notification
 * reaches each of them: per block number, how many have it and the first and last arrival ({@link System#nanoTime}).
 * JDK WebSocket clients, spread over a few {@link HttpClient}s so that one selector thread does not serialize
 * every arrival.
 */
final class Subscribers implements AutoCloseable {

    private static final int CLIENTS = 4;

    /** The arrivals of one block's notification. */
    static final class Arrivals {
        final AtomicInteger count = new AtomicInteger();
        final AtomicLong first = new AtomicLong(Long.MAX_VALUE);
        final AtomicLong last = new AtomicLong(Long.MIN_VALUE);

        void record(long now) {
            first.accumulateAndGet(now, Math::min);
            last.accumulateAndGet(now, Math::max);
            count.incrementAndGet();
        }
    }

    private final List<WebSocket> sockets = new ArrayList<>();
    private final Map<Long, Arrivals> byBlock = new ConcurrentHashMap<>();

    private Subscribers() {}

    /** Connects {@code count} clients to {@code url} and subscribes each; returns once every subscription is made. */
    static Subscribers subscribe(URI url, int count) throws Exception {
        Subscribers subscribers = new Subscribers();
        List<HttpClient> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            clients.add(HttpClient.newHttpClient());
        }
        try {
            for (int i = 0; i < count; i++) {
                Listener listener = subscribers.new Listener();
                WebSocket socket = clients.get(i % CLIENTS).newWebSocketBuilder().buildAsync(url, listener)
                        .get(30, TimeUnit.SECONDS);
                subscribers.sockets.add(socket);
                socket.sendText("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_subscribe\",\"params\":[\"newHeads\"]}",
                        true).get(30, TimeUnit.SECONDS);
                listener.subscribed.get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            subscribers.close();
            throw e;
        }
        return subscribers;
    }

    int size() {
        return sockets.size();
    }

    /**
     * Waits until every subscriber has block {@code number}'s notification.
     *
     * @return its arrivals
     * @throws TimeoutException if some have not within {@code seconds}
     */
    Arrivals awaitAll(long number, long seconds) throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        Arrivals arrivals = byBlock.computeIfAbsent(number, n -> new Arrivals());
        while (arrivals.count.get() < sockets.size()) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException(arrivals.count.get() + " of " + sockets.size() + " subscribers received"
                        + " block " + number + " within " + seconds + " s");
            }
            Thread.sleep(0, 200_000);
        }
        return arrivals;
    }

    @Override
    public void close() {
        for (WebSocket socket : sockets) {
            socket.abort();
        }
    }

    /** One client: completes {@code subscribed} on the subscribe answer, then records each notification. */
    private final class Listener implements WebSocket.Listener {
        final CompletableFuture<Void> subscribed = new CompletableFuture<>();
        private final StringBuilder message = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            message.append(data);
            if (last) {
                long now = System.nanoTime();
                String text = message.toString();
                message.setLength(0);
                long number = blockNumber(text);
                if (number >= 0) {
                    byBlock.computeIfAbsent(number, n -> new Arrivals()).record(now);
                } else if (text.contains("\"result\"")) {
                    subscribed.complete(null);
                }
            }
            socket.request(1);
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            subscribed.completeExceptionally(error);
        }
    }

    /** The block number of a newHeads notification, or -1 for any other message. */
    static long blockNumber(String text) {
        if (!text.contains("\"eth_subscription\"")) {
            return -1;
        }
        int at = text.indexOf("\"number\":\"0x");
        if (at < 0) {
            return -1;
        }
        int from = at + "\"number\":\"0x".length();
        return Long.parseLong(text, from, text.indexOf('"', from), 16);
    }
}
