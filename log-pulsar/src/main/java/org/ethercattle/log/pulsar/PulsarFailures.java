package org.ethercattle.log.pulsar;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.pulsar.client.api.PulsarClientException;
import org.ethercattle.api.log.LogException;

/** Turns Pulsar client failures into {@link LogException}s that name the topic and say what to do. */
final class PulsarFailures {

    private PulsarFailures() {}

    /**
     * @param action what was being done, e.g. "append to"
     * @param where  the topic or spec (secrets masked)
     */
    static LogException of(String action, String where, Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof LogException log) {
            return log;
        }
        boolean retriable = PulsarClientException.isRetriableError(cause)
                || cause instanceof PulsarClientException.TimeoutException
                || cause instanceof PulsarClientException.ConnectException
                || cause instanceof PulsarClientException.LookupException;
        String fix;
        if (cause instanceof PulsarClientException.AuthenticationException
                || cause instanceof PulsarClientException.AuthorizationException) {
            fix = "check the token (token= or tokenFile=) and the role's permissions on the namespace";
        } else if (cause instanceof PulsarClientException.TopicDoesNotExistException
                || cause instanceof PulsarClientException.NotFoundException) {
            fix = "create the topic, or allow auto topic creation on the namespace";
        } else if (retriable) {
            fix = "the broker may be restarting; retry, and check that it is reachable";
        } else {
            fix = "check the broker's log and the spec";
        }
        String message = "cannot " + action + " " + where + ": " + cause.getClass().getSimpleName() + ": "
                + cause.getMessage() + "; " + fix;
        return retriable ? LogException.retriable(message, cause) : LogException.fatal(message, cause);
    }

    static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
