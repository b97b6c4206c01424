package org.ethercattle.log.nats;

import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what jnats reports asynchronously (server errors, exceptions in its threads) to SLF4J. The
 * messages are jnats' own and carry no credentials. Thread-safe.
 */
final class NatsErrorLog implements ErrorListener {

    private static final Logger LOG = LoggerFactory.getLogger(NatsErrorLog.class);

    @Override
    public void errorOccurred(Connection conn, String error) {
        LOG.warn("NATS server error on {}: {}", name(conn), error);
    }

    @Override
    public void exceptionOccurred(Connection conn, Exception exp) {
        // Expected while a server restarts; the clients reconnect and the adapters retry.
        LOG.debug("NATS client exception on {}: {}", name(conn), exp.toString());
    }

    private static String name(Connection conn) {
        return conn == null ? "?" : conn.getOptions().getConnectionName();
    }
}
