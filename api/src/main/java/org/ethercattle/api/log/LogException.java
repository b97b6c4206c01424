package org.ethercattle.api.log;

import org.ethercattle.api.CattleException;

/**
 * A log could not append or deliver: broker unreachable, topic missing, I/O failure, bad configuration.
 *
 * <p>Every instance is either {@linkplain #retriable(String) retriable} or {@linkplain #fatal(String)
 * fatal}, and {@link #isRetriable()} tells which. Adapters create them through those two factories so
 * that each throw site says which kind it is; subclasses for one particular failure (such as
 * {@link PositionExpiredException}) use the protected constructors.
 */
public class LogException extends CattleException {

    private final boolean retriable;

    /** For subclasses; others use {@link #retriable(String)} or {@link #fatal(String)}. */
    protected LogException(String message, boolean retriable) {
        super(message);
        this.retriable = retriable;
    }

    /** For subclasses; others use {@link #retriable(String, Throwable)} or {@link #fatal(String, Throwable)}. */
    protected LogException(String message, boolean retriable, Throwable cause) {
        super(message, cause);
        this.retriable = retriable;
    }

    /**
     * A failure that may heal by itself: a broker restarting or unreachable for a while, a timeout, an
     * interrupted wait, a transient I/O error. The caller may retry the same call after a backoff; the
     * object that threw stays usable unless its own documentation says otherwise.
     *
     * @param message what failed, naming the log, and what the operator can check
     */
    public static LogException retriable(String message) {
        return new LogException(message, true);
    }

    /** As {@link #retriable(String)}, with the failure that caused it. */
    public static LogException retriable(String message, Throwable cause) {
        return new LogException(message, true, cause);
    }

    /**
     * A failure that retrying the same call will not mend: bad configuration or credentials, a missing
     * or misconfigured topic, a message over the log's limit, damaged data, a closed producer or
     * consumer. The caller must not retry; it reports the message (which names the fix) and stops, or
     * changes what it asks for.
     *
     * @param message what failed, naming the log, and how to fix it
     */
    public static LogException fatal(String message) {
        return new LogException(message, false);
    }

    /** As {@link #fatal(String)}, with the failure that caused it. */
    public static LogException fatal(String message, Throwable cause) {
        return new LogException(message, false, cause);
    }

    /** Whether the same call may succeed later (a broker restarting), as opposed to a permanent fault. */
    public boolean isRetriable() {
        return retriable;
    }
}
