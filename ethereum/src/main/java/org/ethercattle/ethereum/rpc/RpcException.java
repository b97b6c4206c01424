package org.ethercattle.ethereum.rpc;

/**
 * A JSON-RPC error answer: a code, a message and optional data, written as geth writes its
 * {@code jsonError}: {@code {"code":..,"message":..,"data":..}} with {@code data} left out when null.
 *
 * <p>Methods throw it to answer with an error. The message is sent to the client verbatim, so it must not
 * carry internals such as stack traces. {@code data} is serialized with Jackson.
 */
public final class RpcException extends Exception {

    /** geth's {@code errcodeDefault}: the code of every error that names no code of its own. */
    public static final int SERVER_ERROR = -32000;
    /** Invalid JSON was received (geth's {@code parseError}). */
    public static final int PARSE_ERROR = -32700;
    /** The message is not a valid request (geth's {@code invalidRequestError}). */
    public static final int INVALID_REQUEST = -32600;
    /** No such method, or subscriptions over HTTP (geth's {@code methodNotFoundError}). */
    public static final int METHOD_NOT_FOUND = -32601;
    /** The parameters do not decode (geth's {@code invalidParamsError}). */
    public static final int INVALID_PARAMS = -32602;
    /** A method failed unexpectedly (geth's {@code errcodePanic}). */
    public static final int INTERNAL_ERROR = -32603;
    /** A batch answer grew beyond its limit (geth's {@code errcodeResponseTooLarge}). */
    public static final int RESPONSE_TOO_LARGE = -32003;

    private final int code;
    private final transient Object data;

    /**
     * @param code the JSON-RPC error code
     * @param message the message sent to the client, verbatim
     * @param data extra data sent as {@code "data"}, or null for none
     */
    public RpcException(int code, String message, Object data) {
        super(message, null, false, false);
        this.code = code;
        this.data = data;
    }

    /** An error without data. */
    public RpcException(int code, String message) {
        this(code, message, null);
    }

    /** An error with geth's default code -32000, as geth answers any plain Go {@code error}. */
    public static RpcException serverError(String message) {
        return new RpcException(SERVER_ERROR, message);
    }

    /** An invalid-params error (-32602) with geth's text. */
    public static RpcException invalidParams(String message) {
        return new RpcException(INVALID_PARAMS, message);
    }

    /** The JSON-RPC error code. */
    public int code() {
        return code;
    }

    /** The data sent as {@code "data"}, or null when the error has none. */
    public Object data() {
        return data;
    }
}
