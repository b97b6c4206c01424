package org.ethercattle.ethereum.rpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscriptions of one WebSocket connection, as geth's handler keeps them: ids are {@code 0x} and up to 32 hex
 * digits (16 random bytes, leading zeros trimmed); a new subscription's notifications are held until
 * {@link #announce} (called once its {@code *_subscribe} answer is queued), so a client never sees an id before
 * the answer that names it; {@link #closeAll} ends them all when the connection goes. At most
 * {@code maxSubscriptions} are active at once. Thread-safe.
 */
final class ConnectionSubscriptions implements SubscriptionContext {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionSubscriptions.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RpcMethods methods;
    private final int maxSubscriptions;
    private final int maxHeld;
    private final OutboundQueue out;
    private final ObjectMapper mapper = GoJsonWriter.mapper();
    private final Map<String, Active> active = new ConcurrentHashMap<>();
    private final List<Active> unannounced = new ArrayList<>();
    private boolean closed;

    /**
     * @param methods where the subscription kinds are registered
     * @param maxSubscriptions the most active subscriptions
     * @param maxHeld the most notifications held for a subscription not yet announced
     * @param out the connection's messages
     */
    ConnectionSubscriptions(RpcMethods methods, int maxSubscriptions, int maxHeld, OutboundQueue out) {
        this.methods = methods;
        this.maxSubscriptions = maxSubscriptions;
        this.maxHeld = maxHeld;
        this.out = out;
    }

    @Override
    public String subscribe(String namespace, JsonNode params) throws RpcException {
        String name = subscriptionName(params);
        RpcMethods.SubscriptionEntry entry = methods.subscription(namespace, name).orElseThrow(() ->
                new RpcException(RpcException.METHOD_NOT_FOUND, "no " + goQuote(name) + " subscription in "
                        + namespace + " namespace"));
        List<Param> signature = new ArrayList<>();
        signature.add(Param.required(ParamType.STRING));
        signature.addAll(entry.signature());
        Params decoded = Params.decode(params, signature);
        synchronized (this) {
            if (closed) {
                throw RpcException.serverError("the connection is closing; subscribe on a new connection");
            }
            if (active.size() >= maxSubscriptions) {
                throw RpcException.serverError("too many subscriptions on this connection (the limit is "
                        + maxSubscriptions + "); end some with " + namespace + "_unsubscribe before subscribing"
                        + " again, or open another connection");
            }
        }
        Active sub = new Active(newId(), namespace);
        sub.cancel = entry.source().open(decoded, sub);
        synchronized (this) {
            if (!closed) {
                active.put(sub.id, sub);
                unannounced.add(sub);
                return sub.id;
            }
        }
        sub.end();
        throw RpcException.serverError("the connection is closing; subscribe on a new connection");
    }

    @Override
    public boolean unsubscribe(String id) throws RpcException {
        Active sub = active.remove(id);
        if (sub == null) {
            throw RpcException.serverError("subscription not found");
        }
        synchronized (this) {
            unannounced.remove(sub);
        }
        sub.end();
        return true;
    }

    /** Releases the notifications of subscriptions whose {@code *_subscribe} answers are now queued. */
    void announce() {
        List<Active> ready;
        synchronized (this) {
            ready = List.copyOf(unannounced);
            unannounced.clear();
        }
        ready.forEach(Active::activate);
    }

    /** Ends every subscription: the connection is closed or dropped. Idempotent. */
    void closeAll() {
        synchronized (this) {
            closed = true;
            unannounced.clear();
        }
        for (String id : List.copyOf(active.keySet())) {
            Active sub = active.remove(id);
            if (sub != null) {
                sub.end();
            }
        }
    }

    /** geth's {@code parseSubscriptionName}. */
    private static String subscriptionName(JsonNode params) throws RpcException {
        if (params == null || !params.isArray()) {
            throw RpcException.invalidParams("non-array args");
        }
        if (params.isEmpty() || !params.get(0).isTextual()) {
            throw RpcException.invalidParams("expected subscription name as first argument");
        }
        return params.get(0).textValue();
    }

    /** geth's {@code encodeID} over 16 random bytes. */
    private static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String hex = HexFormat.of().formatHex(bytes).replaceFirst("^0+", "");
        return "0x" + (hex.isEmpty() ? "0" : hex);
    }

    /** Go's {@code %q} for the names clients send (quotes and backslashes escaped). */
    private static String goQuote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** One subscription: its notifications, held until announced, then queued on the connection. */
    private final class Active implements Notifier {
        private final String id;
        private final String prefix;
        private final List<String> held = new ArrayList<>();
        private volatile Runnable cancel;
        private boolean activated;
        private boolean ended;

        Active(String id, String namespace) {
            this.id = id;
            this.prefix = "{\"jsonrpc\":\"2.0\",\"method\":\"" + namespace + "_subscription\",\"params\":"
                    + "{\"subscription\":\"" + id + "\",\"result\":";
        }

        @Override
        public synchronized boolean send(Object result) {
            if (ended) {
                return false;
            }
            String text;
            try {
                // geth's websocket codec ends every message with a newline (json.Encoder).
                // A source sending one result to many subscribers writes it once, as RawJson (newHeads does).
                text = prefix + new String(RawJson.bytesOf(result, mapper), StandardCharsets.UTF_8) + "}}\n";
            } catch (JsonProcessingException e) {
                LOG.error("subscription {} produced a result that does not serialize; it is skipped", id, e);
                return true;
            }
            if (!activated) {
                if (held.size() >= maxHeld) {
                    // Only a source sending thousands of results before its own answer is out gets here.
                    LOG.warn("subscription {} sent more than {} notifications before its subscribe answer was "
                            + "written; it is ended", id, maxHeld);
                    ended = true;
                    held.clear();
                    return false;
                }
                held.add(text);
                return true;
            }
            if (!out.send(text)) {
                ended = true;
                return false;
            }
            return true;
        }

        synchronized void activate() {
            activated = true;
            for (String text : held) {
                if (!out.send(text)) {
                    ended = true;
                    break;
                }
            }
            held.clear();
        }

        void end() {
            synchronized (this) {
                ended = true;
                held.clear();
            }
            Runnable c = cancel;
            if (c != null) {
                c.run();
            }
        }
    }
}
