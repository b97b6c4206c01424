package org.ethercattle.log.kafka;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.ethercattle.api.log.LogException;

/**
 * Turns Kafka client failures into {@link LogException}s that say what failed, on which log and
 * broker, whether waiting helps, and what to do.
 *
 * <p>Retriable: Kafka's {@link RetriableException}s (broker unreachable or restarting, leader moving,
 * timeouts), including a delivery timeout that expired during an outage. Fatal: authentication and
 * authorization failures, a message or topic configuration the broker refuses, anything else.
 * Kafka's own messages never contain credentials, so they are included.
 */
final class KafkaErrors {

    private KafkaErrors() {}

    /**
     * @param what    the operation, e.g. "append to kafka:cdc"
     * @param servers the bootstrap servers, for the message
     */
    static LogException translate(String what, String servers, Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof LogException log) {
            return log;
        }
        String detail = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        String prefix = what + " (brokers " + servers + ") failed: " + detail;
        if (cause instanceof AuthenticationException) {
            return LogException.fatal(prefix + "; check the username, password and saslMechanism (or TLS stores)"
                    + " of the spec", cause);
        }
        if (cause instanceof AuthorizationException) {
            return LogException.fatal(prefix + "; grant this principal access to the topic (kafka-acls)", cause);
        }
        if (cause instanceof RecordTooLargeException || cause instanceof InvalidConfigurationException) {
            return LogException.fatal(prefix + "; the topic's configuration refuses it: raise the topic's"
                    + " max.message.bytes or lower maxMessageBytes", cause);
        }
        if (cause instanceof UnsupportedVersionException) {
            return LogException.fatal(prefix + "; the broker is too old for this client (Kafka 2.8 or newer needed)",
                    cause);
        }
        if (cause instanceof RetriableException) {
            return LogException.retriable(prefix + "; the broker is unreachable or busy: retry once it is back", cause);
        }
        return LogException.fatal(prefix, cause);
    }

    static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof ExecutionException || cause instanceof CompletionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
