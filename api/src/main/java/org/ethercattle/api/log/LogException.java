package org.ethercattle.api.log;

import org.ethercattle.api.CattleException;

/** A log could not append or deliver: broker unreachable, topic missing, I/O failure, bad configuration. */
public class LogException extends CattleException {

    private final boolean retriable;

    public LogException(String message, boolean retriable) {
        super(message);
        this.retriable = retriable;
    }

    public LogException(String message, boolean retriable, Throwable cause) {
        super(message, cause);
        this.retriable = retriable;
    }

    /** Whether the same call may succeed later (a broker restarting), as opposed to a permanent fault. */
    public boolean isRetriable() {
        return retriable;
    }
}
