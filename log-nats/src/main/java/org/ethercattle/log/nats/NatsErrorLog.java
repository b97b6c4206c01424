package org.ethercattle.log.nats;

import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what jnats reports asynchronously (server errors, exceptions in its threads) to SLF4J, and keeps
 * the latest one so that a failed connect can say why (jnats' own exception only says it could not
 * connect). The messages are jnats' and the server's and carry no credentials. One per connection;
 * thread-safe.
 */
final class NatsErrorLog implements ErrorListener {

    private static final Logger LOG = LoggerFactory.getLogger(NatsErrorLog.class);

    private volatile String latestServerError;
    private volatile String latestException;

    @Override
    public void errorOccurred(Connection conn, String error) {
        latestServerError = "server error: " + error;
        LOG.warn("NATS server error on {}: {}", name(conn), error);
    }

    @Override
    public void exceptionOccurred(Connection conn, Exception exp) {
        // Expected while a server restarts; the clients reconnect and the adapters retry.
        Throwable root = exp;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        latestException = root.getClass().getSimpleName() + ": " + root.getMessage();
        LOG.debug("NATS client exception on {}: {}", name(conn), exp.toString());
    }

    /**
     * The latest error the server sent (it says most, e.g. {@code Authorization Violation}), else the
     * root cause of the latest client exception, else {@code null}.
     */
    String latest() {
        return latestServerError != null ? latestServerError : latestException;
    }

    private static String name(Connection conn) {
        return conn == null ? "?" : conn.getOptions().getConnectionName();
    }
}
