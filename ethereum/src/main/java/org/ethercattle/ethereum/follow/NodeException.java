package org.ethercattle.ethereum.follow;

/**
 * A node could not be asked: it stayed unreachable past the {@link RetryPolicy}, or it answered a request with a
 * JSON-RPC error ({@link #code()} is then the error's code, else 0). The message names the node, the method and
 * what to check.
 */
public final class NodeException extends RuntimeException {

    private final int code;

    /** A failure with JSON-RPC error code {@code code} (0 when the node gave no answer). */
    public NodeException(String message, int code, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** The node's JSON-RPC error code, or 0 if it did not answer. */
    public int code() {
        return code;
    }
}
