package org.ethercattle.ethereum.rpc;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The WebSocket endpoint of the RPC server (geth's {@code --ws}), mounted on the HTTP port: a request with
 * {@code Upgrade: websocket} becomes a JSON-RPC connection that serves the same methods, batches included, plus
 * {@code *_subscribe}/{@code *_unsubscribe}.
 *
 * @param enabled whether upgrades are accepted; when false the port serves HTTP only
 * @param origins the browser origins accepted (geth's {@code --ws.origins}): {@code *} for any; empty for geth's
 *     default, {@code http://localhost} only. A request without an {@code Origin} header (no browser) is always
 *     accepted, as in geth; others are refused 403
 * @param maxSubscriptions the most subscriptions one connection may hold at once; a further
 *     {@code *_subscribe} is refused with an error naming the bound
 * @param maxQueuedMessages the most answers and notifications queued for one connection that the client has not
 *     yet read; a client that falls that far behind is disconnected, with a log line, as geth drops a client that
 *     does not keep up
 * @param maxMessageBytes the largest message read from a client (geth's 32 MiB); a larger one closes the
 *     connection (status 1009)
 * @param pingInterval how often the server pings the client (geth: 30 s), which keeps proxies from closing a quiet
 *     subscription connection; a connection with no traffic either way for twice that long is closed
 */
public record WebSocketOptions(boolean enabled, List<String> origins, int maxSubscriptions, int maxQueuedMessages,
        int maxMessageBytes, Duration pingInterval) {

    /** No WebSocket: the port serves HTTP only. */
    public static final WebSocketOptions DISABLED =
            new WebSocketOptions(false, List.of(), 1, 1, 1, Duration.ofSeconds(30));

    /**
     * geth's defaults where geth has them (localhost origins, 32 MiB messages, 30 s pings) and Cattle's bounds
     * where it has none: 1000 subscriptions and 10,000 queued messages per connection.
     */
    public static final WebSocketOptions GETH_DEFAULTS =
            new WebSocketOptions(true, List.of(), 1000, 10_000, 32 * 1024 * 1024, Duration.ofSeconds(30));

    /** Checks the bounds and copies the origins, lower-cased as geth compares them. */
    public WebSocketOptions {
        Objects.requireNonNull(pingInterval, "pingInterval");
        origins = origins.stream().map(o -> o.toLowerCase(Locale.ROOT)).toList();
        if (maxSubscriptions <= 0 || maxQueuedMessages <= 0 || maxMessageBytes <= 0 || pingInterval.isNegative()
                || pingInterval.isZero()) {
            throw new IllegalArgumentException("WebSocket bounds must be positive (maxSubscriptions,"
                    + " maxQueuedMessages, maxMessageBytes, pingInterval); got " + maxSubscriptions + ", "
                    + maxQueuedMessages + ", " + maxMessageBytes + ", " + pingInterval);
        }
    }

    /** These options with other per-connection bounds (for a public endpoint, or a test). */
    public WebSocketOptions withBounds(int maxSubscriptions, int maxQueuedMessages) {
        return new WebSocketOptions(enabled, origins, maxSubscriptions, maxQueuedMessages, maxMessageBytes,
                pingInterval);
    }

    /** These options accepting browser {@code origins} ({@code *} for any). */
    public WebSocketOptions withOrigins(List<String> origins) {
        return new WebSocketOptions(enabled, origins, maxSubscriptions, maxQueuedMessages, maxMessageBytes,
                pingInterval);
    }

    /** geth's {@code wsHandshakeValidator}: whether an upgrade with this {@code Origin} header may proceed. */
    boolean allowsOrigin(String origin) {
        if (origin == null) {
            return true;
        }
        String lower = origin.toLowerCase(Locale.ROOT);
        if (origins.contains("*")) {
            return true;
        }
        List<String> allowed = origins.isEmpty() ? List.of("http://localhost") : origins;
        return allowed.contains(lower);
    }
}
