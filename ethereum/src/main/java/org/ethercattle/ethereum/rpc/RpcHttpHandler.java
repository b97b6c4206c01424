package org.ethercattle.ethereum.rpc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The HTTP side of the server, checking requests in geth's order (node/rpcstack.go, rpc/http.go):
 *
 * <ol>
 *   <li>path other than {@code /}: 404, empty body;
 *   <li>{@link VirtualHosts}: 403 "invalid host specified";
 *   <li>{@link CorsPolicy}, when enabled: a preflight ({@code OPTIONS} with
 *       {@code Access-Control-Request-Method}) is answered 204 here, other requests get CORS headers;
 *   <li>{@code GET} with no body and no query: 200, empty (geth's health check);
 *   <li>{@code PUT}/{@code DELETE}: 405 "method not allowed"; Content-Length above the limit: 413
 *       "content length too large (N>LIMIT)"; other than OPTIONS, a media type other than
 *       {@code application/json}, {@code application/json-rpc} or {@code application/jsonrequest}: 415
 *       "invalid content type, only application/json is supported";
 *   <li>the body, cut at {@link RpcLimits#maxBodyBytes}, goes to the {@link RpcDispatcher}: 200,
 *       {@code content-type: application/json}, its answer or an empty body.
 * </ol>
 *
 * Refusals are plain text as Go's {@code http.Error} writes them. Like geth, any other method (GET with a
 * body included) is served as JSON-RPC.
 */
final class RpcHttpHandler extends Handler.Abstract {

    private final RpcDispatcher dispatcher;
    private final RpcLimits limits;
    private final CorsPolicy cors;
    private final VirtualHosts vhosts;

    RpcHttpHandler(RpcDispatcher dispatcher, RpcLimits limits, CorsPolicy cors, VirtualHosts vhosts) {
        this.dispatcher = dispatcher;
        this.limits = limits;
        this.cors = cors;
        this.vhosts = vhosts;
    }

    private static final Set<String> MEDIA_TYPES =
            Set.of("application/json", "application/json-rpc", "application/jsonrequest");

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws IOException {
        String method = request.getMethod();
        HttpFields headers = request.getHeaders();
        if (!"/".equals(request.getHttpURI().getPath())) {
            return empty(response, 404, callback);
        }
        if (!vhosts.allows(headers.get(HttpHeader.HOST))) {
            return plain(response, 403, "invalid host specified", callback);
        }
        if (cors.enabled()) {
            if (method.equals("OPTIONS") && headers.get(HttpHeader.ACCESS_CONTROL_REQUEST_METHOD) != null) {
                preflight(headers, response.getHeaders());
                return empty(response, 204, callback);
            }
            actualCors(method, headers, response.getHeaders());
        }
        long contentLength = contentLength(headers);
        String query = request.getHttpURI().getQuery();
        if (method.equals("GET") && contentLength == 0 && (query == null || query.isEmpty())) {
            return empty(response, 200, callback);
        }
        if (method.equals("PUT") || method.equals("DELETE")) {
            return plain(response, 405, "method not allowed", callback);
        }
        if (contentLength > limits.maxBodyBytes()) {
            return plain(response, 413, "content length too large (" + contentLength + ">"
                    + limits.maxBodyBytes() + ")", callback);
        }
        if (!method.equals("OPTIONS") && !acceptedMediaType(headers.get(HttpHeader.CONTENT_TYPE))) {
            return plain(response, 415, "invalid content type, only application/json is supported", callback);
        }
        byte[] body = readAtMost(request, contentLength, limits.maxBodyBytes());
        Optional<byte[]> answer = dispatcher.handle(body, body.length);
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(answer.orElse(new byte[0])), callback);
        return true;
    }

    /** Go's r.ContentLength: the header, else -1 for a chunked body, else 0. */
    private static long contentLength(HttpFields headers) {
        long declared = headers.getLongField(HttpHeader.CONTENT_LENGTH);
        if (declared >= 0) {
            return declared;
        }
        return headers.contains(HttpHeader.TRANSFER_ENCODING) ? -1 : 0;
    }

    /** Go's mime.ParseMediaType succeeding with an accepted type. */
    private static boolean acceptedMediaType(String header) {
        if (header == null) {
            return false;
        }
        String[] parts = header.split(";", -1);
        String type = parts[0].strip().toLowerCase(Locale.ROOT);
        if (!MEDIA_TYPES.contains(type)) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String param = parts[i].strip();
            int eq = param.indexOf('=');
            if (!param.isEmpty() && (eq <= 0 || eq == param.length() - 1)) {
                return false;
            }
        }
        return true;
    }

    /** rs/cors handlePreflight with geth's options. */
    private void preflight(HttpFields request, HttpFields.Mutable response) {
        response.add(HttpHeader.VARY, "Origin");
        response.add(HttpHeader.VARY, "Access-Control-Request-Method");
        response.add(HttpHeader.VARY, "Access-Control-Request-Headers");
        String origin = request.get(HttpHeader.ORIGIN);
        String requested = request.get(HttpHeader.ACCESS_CONTROL_REQUEST_METHOD);
        if (!cors.allows(origin) || !CorsPolicy.allowsMethod(requested)) {
            return;
        }
        response.put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, cors.allowsAll() ? "*" : origin);
        response.put(HttpHeader.ACCESS_CONTROL_ALLOW_METHODS, requested.toUpperCase(Locale.ROOT));
        String requestedHeaders = request.get(HttpHeader.ACCESS_CONTROL_REQUEST_HEADERS);
        if (requestedHeaders != null && !requestedHeaders.isEmpty()) {
            response.put(HttpHeader.ACCESS_CONTROL_ALLOW_HEADERS, requestedHeaders);
        }
        response.put(HttpHeader.ACCESS_CONTROL_MAX_AGE, "600");
    }

    /** rs/cors handleActualRequest with geth's options. */
    private void actualCors(String method, HttpFields request, HttpFields.Mutable response) {
        response.add(HttpHeader.VARY, "Origin");
        String origin = request.get(HttpHeader.ORIGIN);
        if (cors.allows(origin) && CorsPolicy.allowsMethod(method)) {
            response.put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, cors.allowsAll() ? "*" : origin);
        }
    }

    /**
     * Reads the body up to the limit, as geth's io.LimitReader does: the rest is left unread. A declared length
     * within the limit is read into an array of that size at once (the common case), not grown chunk by chunk.
     */
    private static byte[] readAtMost(Request request, long contentLength, int limit) throws IOException {
        try (InputStream in = Content.Source.asInputStream(request)) {
            if (contentLength < 0 || contentLength >= limit) {
                return in.readNBytes(limit);
            }
            byte[] body = new byte[(int) contentLength];
            int read = in.readNBytes(body, 0, body.length);
            return read == body.length ? body : Arrays.copyOf(body, read);
        }
    }

    private static boolean empty(Response response, int status, Callback callback) {
        response.setStatus(status);
        response.write(true, ByteBuffer.allocate(0), callback);
        return true;
    }

    /** Go's http.Error. */
    static boolean plain(Response response, int status, String message, Callback callback) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.getHeaders().put(new HttpField("X-Content-Type-Options", "nosniff"));
        byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
        response.write(true, ByteBuffer.wrap(Arrays.copyOf(body, body.length)), callback);
        return true;
    }
}
