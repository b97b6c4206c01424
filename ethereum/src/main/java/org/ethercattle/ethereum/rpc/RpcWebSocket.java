package org.ethercattle.ethereum.rpc;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JSON-RPC connection over a WebSocket, as geth's websocket codec serves it: each message (text, or binary
 * holding JSON) is one request body for the {@link RpcDispatcher}, single call or batch, and its answer goes back
 * as one text message ending in a newline; {@code *_subscribe} opens subscriptions held by this connection, whose
 * notifications follow the answer that announced them. Messages are handled one at a time, in order. Closing
 * the connection ends its subscriptions.
 *
 * <p>Public only because Jetty calls its listener methods reflectively; {@link RpcServer} creates it.
 */
public final class RpcWebSocket implements Session.Listener.AutoDemanding {

    private static final Logger LOG = LoggerFactory.getLogger(RpcWebSocket.class);

    private final RpcMethods methods;
    private final RpcLimits limits;
    private final WebSocketOptions options;
    private final ScheduledExecutorService pinger;
    private ConnectionSubscriptions subscriptions;
    private RpcDispatcher dispatcher;
    private OutboundQueue out;
    private ScheduledFuture<?> pings;

    RpcWebSocket(RpcMethods methods, RpcLimits limits, WebSocketOptions options, ScheduledExecutorService pinger) {
        this.methods = methods;
        this.limits = limits;
        this.options = options;
        this.pinger = pinger;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        out = new OutboundQueue(session, options.maxQueuedMessages(), this::ended);
        subscriptions = new ConnectionSubscriptions(methods, options.maxSubscriptions(),
                options.maxQueuedMessages(), out);
        dispatcher = new RpcDispatcher(methods, limits, subscriptions);
        long every = options.pingInterval().toMillis();
        // Pings keep proxies from closing a quiet subscription connection, as geth's do.
        pings = pinger.scheduleAtFixedRate(() -> {
            if (session.isOpen()) {
                session.sendPing(ByteBuffer.allocate(0), Callback.NOOP);
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void onWebSocketText(String message) {
        handle(message.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        byte[] body = new byte[payload.remaining()];
        payload.get(body);
        callback.succeed();
        handle(body);
    }

    private void handle(byte[] body) {
        Optional<byte[]> answer = dispatcher.handle(body, body.length);
        answer.ifPresent(a -> out.send(withNewline(a)));
        subscriptions.announce();
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        ended();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        LOG.debug("WebSocket connection failed", cause);
        ended();
    }

    private void ended() {
        if (pings != null) {
            pings.cancel(false);
        }
        if (subscriptions != null) {
            subscriptions.closeAll();
        }
    }

    /** geth's websocket codec writes every message with json.Encoder, which ends it with a newline. */
    private static String withNewline(byte[] answer) {
        String text = new String(answer, StandardCharsets.UTF_8);
        return text.endsWith("\n") ? text : text + "\n";
    }
}
