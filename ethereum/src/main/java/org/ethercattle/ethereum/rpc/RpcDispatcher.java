package org.ethercattle.ethereum.rpc;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one request body the way geth's {@code rpc} package does (its {@code serveSingleRequest},
 * {@code handleBatch}, {@code handleCallMsg}): transport-independent, thread-safe.
 *
 * <ul>
 *   <li>The body's first JSON value is read; anything after it is ignored, an empty body gets no answer,
 *       invalid JSON gets {@code {"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"parse error"}}}.
 *   <li>A call is answered with its id; a notification (no id) is run and not answered; a response
 *       message is dropped; anything else is -32600 "invalid request" (with its id when it has a usable one).
 *   <li>An unknown method is -32601 "the method X does not exist/is not available"; {@code *_subscribe} is
 *       -32601 "notifications not supported" and {@code *_unsubscribe} -32000 "subscription not found", as
 *       geth answers them over HTTP; a dispatcher of a WebSocket connection hands them to the connection's
 *       subscriptions instead.
 *   <li>A batch is answered with an array in order, leaving out notifications; an empty batch is -32600
 *       "empty batch"; more than {@link RpcLimits#maxBatchItems} messages is {@code [-32600 "batch too large"]}
 *       carrying the first call's id; once the batch's result bytes pass
 *       {@link RpcLimits#maxBatchResponseBytes} the calls after it are -32003 "response too large".
 *   <li>An exception other than {@link RpcException} is logged and answered -32603 "method handler crashed".
 * </ul>
 *
 * <p>Answers are written as geth writes them, keys in the order {@code jsonrpc, id, error|result}. geth's
 * HTTP codec ends a regular answer with a newline and writes error-only answers (parse error, empty or too
 * large batch, response too large) without one; this does the same.
 */
public final class RpcDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(RpcDispatcher.class);
    private static final byte[] HEAD = "{\"jsonrpc\":\"2.0\",\"id\":".getBytes(StandardCharsets.US_ASCII);

    private final RpcMethods methods;
    private final RpcLimits limits;
    private final ObjectMapper mapper = GoJsonWriter.mapper();
    /** The connection's subscriptions; null over HTTP, which cannot push. */
    private final SubscriptionContext subscriptions;

    /**
     * @param methods the methods to serve
     * @param limits the batch limits ({@link RpcLimits#maxBodyBytes} is the transport's to apply)
     */
    public RpcDispatcher(RpcMethods methods, RpcLimits limits) {
        this(methods, limits, null);
    }

    /** A dispatcher for one connection that can push: {@code *_subscribe} and {@code *_unsubscribe} go to it. */
    RpcDispatcher(RpcMethods methods, RpcLimits limits, SubscriptionContext subscriptions) {
        this.methods = Objects.requireNonNull(methods, "methods");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.subscriptions = subscriptions;
    }

    /**
     * Answers a request body.
     *
     * @param body the bytes received, read only up to {@code length}
     * @param length how many bytes of {@code body} are the request
     * @return the answer's bytes, or empty when geth sends nothing (empty body, notifications only)
     */
    public Optional<byte[]> handle(byte[] body, int length) {
        JsonNode root;
        try (JsonParser parser = mapper.createParser(body, 0, length)) {
            if (parser.nextToken() == null) {
                return Optional.empty();
            }
            root = mapper.readTree(parser);
        } catch (IOException e) {
            return Optional.of(error(NullNode.getInstance(), new RpcException(RpcException.PARSE_ERROR, "parse error")));
        }
        return root.isArray() ? batch(root) : single(RpcMessage.of(root));
    }

    private Optional<byte[]> single(RpcMessage message) {
        if (message.isResponse() || isSubscriptionNotification(message)) {
            return Optional.empty();
        }
        Answer answer = answer(message);
        return answer == null ? Optional.empty() : Optional.of(withNewline(answer.bytes()));
    }

    private Optional<byte[]> batch(JsonNode root) {
        if (root.isEmpty()) {
            return Optional.of(error(NullNode.getInstance(),
                    new RpcException(RpcException.INVALID_REQUEST, "empty batch")));
        }
        List<RpcMessage> messages = new ArrayList<>(root.size());
        root.forEach(node -> messages.add(RpcMessage.of(node)));
        if (limits.maxBatchItems() != 0 && messages.size() > limits.maxBatchItems()) {
            JsonNode id = messages.stream().filter(RpcMessage::isCall).map(RpcMessage::id).findFirst()
                    .orElse(NullNode.getInstance());
            byte[] tooLarge = error(id, new RpcException(RpcException.INVALID_REQUEST, "batch too large"));
            return Optional.of(array(List.of(tooLarge), false));
        }
        List<RpcMessage> calls = messages.stream()
                .filter(m -> !m.isResponse() && !isSubscriptionNotification(m)).toList();
        List<byte[]> answers = new ArrayList<>();
        long resultBytes = 0;
        boolean cutShort = false;
        for (int i = 0; i < calls.size(); i++) {
            Answer answer = answer(calls.get(i));
            if (answer == null) {
                continue;
            }
            answers.add(answer.bytes());
            resultBytes += answer.resultLength();
            if (limits.maxBatchResponseBytes() != 0 && resultBytes > limits.maxBatchResponseBytes()) {
                RpcException tooLarge = new RpcException(RpcException.RESPONSE_TOO_LARGE, "response too large");
                calls.subList(i + 1, calls.size()).stream().filter(m -> !m.isNotification())
                        .forEach(m -> answers.add(error(idOrNull(m), tooLarge)));
                cutShort = true;
                break;
            }
        }
        if (answers.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(array(answers, !cutShort));
    }

    /** An answer's bytes and the length of its result (0 for errors), which geth's batch limit counts. */
    private record Answer(byte[] bytes, int resultLength) {
    }

    /** geth's handleCallMsg: null for a notification. */
    private Answer answer(RpcMessage message) {
        if (message.isNotification()) {
            call(message);
            return null;
        }
        if (message.isCall()) {
            return call(message);
        }
        JsonNode id = message.hasValidId() ? message.id() : NullNode.getInstance();
        return new Answer(error(id, new RpcException(RpcException.INVALID_REQUEST, "invalid request")), 0);
    }

    private Answer call(RpcMessage message) {
        JsonNode id = message.isNotification() ? NullNode.getInstance() : message.id();
        Object result;
        try {
            result = invoke(message);
        } catch (RpcException e) {
            return new Answer(error(id, e), 0);
        } catch (RuntimeException e) {
            // geth recovers a panicking method the same way: logged with its stack, answered without it.
            LOG.error("RPC method {} crashed", message.method(), e);
            return new Answer(error(id, new RpcException(RpcException.INTERNAL_ERROR, "method handler crashed")), 0);
        }
        byte[] encoded;
        try {
            encoded = RawJson.bytesOf(result, mapper);
        } catch (JsonProcessingException e) {
            LOG.error("RPC method {} returned a result that does not serialize", message.method(), e);
            return new Answer(error(id, new RpcException(RpcException.INTERNAL_ERROR, e.getOriginalMessage())), 0);
        }
        return new Answer(envelope(id, ",\"result\":", encoded), encoded.length);
    }

    private Object invoke(RpcMessage message) throws RpcException {
        String method = message.method();
        if (subscriptions != null && method.endsWith("_subscribe")) {
            return subscriptions.subscribe(method.substring(0, method.indexOf('_')), message.params());
        }
        if (subscriptions != null && method.endsWith("_unsubscribe")) {
            String id = Params.decode(message.params(), List.of(Param.required(ParamType.SUBSCRIPTION_ID))).string(0);
            return subscriptions.unsubscribe(id);
        }
        if (method.endsWith("_subscribe")) {
            throw new RpcException(RpcException.METHOD_NOT_FOUND, "notifications not supported");
        }
        if (method.endsWith("_unsubscribe")) {
            // Over HTTP no subscription can exist; geth still decodes the id first.
            Params.decode(message.params(), List.of(Param.required(ParamType.SUBSCRIPTION_ID)));
            throw RpcException.serverError("subscription not found");
        }
        RpcMethods.Entry entry = methods.find(method).orElseThrow(() -> new RpcException(
                RpcException.METHOD_NOT_FOUND, "the method " + method + " does not exist/is not available"));
        return entry.body().call(Params.decode(message.params(), entry.signature()));
    }

    private static boolean isSubscriptionNotification(RpcMessage message) {
        return message.isNotification() && message.method().endsWith("_subscription");
    }

    private static JsonNode idOrNull(RpcMessage message) {
        return message.hasValidId() ? message.id() : NullNode.getInstance();
    }

    private byte[] error(JsonNode id, RpcException e) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", e.code());
        error.put("message", e.getMessage());
        if (e.data() != null) {
            error.put("data", e.data());
        }
        byte[] encoded;
        try {
            encoded = mapper.writeValueAsBytes(error);
        } catch (JsonProcessingException unserializableData) {
            LOG.error("error data of '{}' does not serialize; answering without it", e.getMessage(), unserializableData);
            error.remove("data");
            encoded = writeOrFail(error);
        }
        return envelope(id, ",\"error\":", encoded);
    }

    private byte[] envelope(JsonNode id, String member, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length + 48);
        out.writeBytes(HEAD);
        out.writeBytes(writeOrFail(id));
        out.writeBytes(member.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(value);
        out.write('}');
        return out.toByteArray();
    }

    private byte[] writeOrFail(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("ids, codes and messages always serialize", e);
        }
    }

    private static byte[] array(List<byte[]> items, boolean newline) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write('[');
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(items.get(i));
        }
        out.write(']');
        return newline ? withNewline(out.toByteArray()) : out.toByteArray();
    }

    private static byte[] withNewline(byte[] json) {
        byte[] out = Arrays.copyOf(json, json.length + 1);
        out[json.length] = '\n';
        return out;
    }
}
