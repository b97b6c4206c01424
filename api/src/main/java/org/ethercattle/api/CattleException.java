package org.ethercattle.api;

/**
 * Base of every error Cattle throws on purpose. Unchecked: callers that can act on a particular
 * failure catch its subtype. Messages name the thing (store, log, position, spec) and the fix.
 */
public class CattleException extends RuntimeException {

    public CattleException(String message) {
        super(message);
    }

    public CattleException(String message, Throwable cause) {
        super(message, cause);
    }
}
