package org.ethercattle.ethereum.rpc;

import java.io.IOException;
import java.util.Objects;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * A JSON-RPC 2.0 server over HTTP (Jetty 12) that answers as geth's HTTP endpoint does; see
 * {@link RpcDispatcher} for the JSON-RPC rules and {@link RpcHttpHandler} for the HTTP ones.
 *
 * <p>It binds exactly the host it is given: keeping it on loopback ({@code 127.0.0.1}, geth's default) is
 * the caller's job, as exposing it is the caller's decision. Jetty's own error pages are replaced by plain
 * text ("400 Bad Request"), so nothing but JSON or geth's plain texts leaves the server. Start it with
 * {@link #start}; {@link #close} stops it and is idempotent.
 */
public final class RpcServer implements AutoCloseable {

    private final Server jetty;
    private final ServerConnector connector;

    private RpcServer(Server jetty, ServerConnector connector) {
        this.jetty = jetty;
        this.connector = connector;
    }

    /**
     * Starts a server.
     *
     * @param host the address to bind, such as {@code 127.0.0.1}
     * @param port the port, 0 for an ephemeral one (see {@link #port()})
     * @param methods the methods to serve
     * @param limits body and batch limits ({@link RpcLimits#GETH_DEFAULTS} for geth's)
     * @param cors allowed browser origins ({@link CorsPolicy#DISABLED} for geth's default)
     * @param vhosts allowed Host names ({@link VirtualHosts#GETH_DEFAULT} for geth's default)
     * @return the running server
     * @throws IOException if the address cannot be bound
     */
    public static RpcServer start(String host, int port, RpcMethods methods, RpcLimits limits, CorsPolicy cors,
            VirtualHosts vhosts) throws IOException {
        Objects.requireNonNull(host, "host");
        Server jetty = new Server();
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        config.setSendXPoweredBy(false);
        ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(config));
        connector.setHost(host);
        connector.setPort(port);
        jetty.addConnector(connector);
        jetty.setHandler(new RpcHttpHandler(new RpcDispatcher(methods, limits), limits, cors, vhosts));
        jetty.setErrorHandler(new PlainErrors());
        try {
            jetty.start();
        } catch (Exception e) {
            try {
                jetty.stop();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new IOException("cannot start the RPC server on " + host + ":" + port
                    + "; choose a free port or 0 for an ephemeral one", e);
        }
        return new RpcServer(jetty, connector);
    }

    /** The bound port (the ephemeral one when started with port 0). */
    public int port() {
        return connector.getLocalPort();
    }

    /** Stops the server, waiting for requests in flight. */
    @Override
    public void close() {
        try {
            jetty.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the RPC server did not stop cleanly", e);
        }
    }

    /** Replaces Jetty's HTML error pages with Go's plain "400 Bad Request" style. */
    private static final class PlainErrors extends ErrorHandler {
        @Override
        protected void generateResponse(Request request, Response response, int code, String message,
                Throwable cause, Callback callback) {
            RpcHttpHandler.plain(response, code, code + " " + HttpStatus.getMessage(code), callback);
        }
    }
}
