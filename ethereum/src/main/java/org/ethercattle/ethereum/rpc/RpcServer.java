package org.ethercattle.ethereum.rpc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * A JSON-RPC 2.0 server over HTTP (Jetty 12) that answers as geth's HTTP endpoint does; see
 * {@link RpcDispatcher} for the JSON-RPC rules and {@link RpcHttpHandler} for the HTTP ones.
 *
 * <p>It binds exactly the host it is given: keeping it on loopback ({@code 127.0.0.1}, geth's default) is
 * the caller's job, as exposing it is the caller's decision. Jetty's own error pages are replaced by plain
 * text ("400 Bad Request"), so nothing but JSON or geth's plain texts leaves the server. Start it with
 * {@link #start}; {@link #close} stops it and is idempotent.
 *
 * <p>With {@link WebSocketOptions} enabled the same port also accepts WebSocket upgrades (geth's {@code --ws} on
 * the HTTP port): see {@link RpcWebSocket}. Virtual hosts and CORS apply to HTTP only, as in geth; a WebSocket
 * upgrade is checked against {@link WebSocketOptions#origins}.
 */
public final class RpcServer implements AutoCloseable {

    /** The nice value of threads that do not yield: the normal priority. */
    public static final int NORMAL_PRIORITY = 0;
    /** The highest nice value, the lowest priority Linux gives a thread. */
    public static final int LOWEST_PRIORITY = 19;

    private final Server jetty;
    private final ServerConnector connector;
    private final ScheduledExecutorService pinger;

    private RpcServer(Server jetty, ServerConnector connector, ScheduledExecutorService pinger) {
        this.jetty = jetty;
        this.connector = connector;
        this.pinger = pinger;
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
        return start(host, port, methods, limits, cors, vhosts, WebSocketOptions.DISABLED);
    }

    /**
     * Starts a server that also serves WebSocket upgrades on the same port when {@code ws} is enabled.
     *
     * @param ws the WebSocket endpoint ({@link WebSocketOptions#GETH_DEFAULTS}, or {@link WebSocketOptions#DISABLED})
     * @see #start(String, int, RpcMethods, RpcLimits, CorsPolicy, VirtualHosts)
     */
    public static RpcServer start(String host, int port, RpcMethods methods, RpcLimits limits, CorsPolicy cors,
            VirtualHosts vhosts, WebSocketOptions ws) throws IOException {
        return start(host, port, methods, limits, cors, vhosts, ws, NORMAL_PRIORITY);
    }

    /**
     * Starts a server whose threads (accepting, reading, answering) run at nice value {@code niceness}: above
     * {@link #NORMAL_PRIORITY}, they get the CPU only when the replica's replay does not want it, so a replica
     * under a read load it cannot serve keeps applying the log instead of falling behind (Linux; elsewhere the
     * threads keep the normal priority, with a warning).
     *
     * @param niceness 0 (normal) to 19 (lowest)
     * @see #start(String, int, RpcMethods, RpcLimits, CorsPolicy, VirtualHosts, WebSocketOptions)
     */
    public static RpcServer start(String host, int port, RpcMethods methods, RpcLimits limits, CorsPolicy cors,
            VirtualHosts vhosts, WebSocketOptions ws, int niceness) throws IOException {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(ws, "ws");
        if (niceness < NORMAL_PRIORITY || niceness > LOWEST_PRIORITY) {
            throw new IllegalArgumentException("RPC thread niceness must be 0 (normal) to 19 (lowest), was "
                    + niceness);
        }
        Server jetty = new Server(threadPool(niceness));
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        config.setSendXPoweredBy(false);
        ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(config));
        connector.setHost(host);
        connector.setPort(port);
        jetty.addConnector(connector);
        RpcHttpHandler http = new RpcHttpHandler(new RpcDispatcher(methods, limits), limits, cors, vhosts);
        ScheduledExecutorService pinger = null;
        if (ws.enabled()) {
            pinger = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "rpc-ws-ping");
                t.setDaemon(true);
                return t;
            });
            jetty.setHandler(webSocket(jetty, http, methods, limits, ws, pinger));
        } else {
            jetty.setHandler(http);
        }
        jetty.setErrorHandler(new PlainErrors());
        try {
            jetty.start();
        } catch (Exception e) {
            try {
                jetty.stop();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            if (pinger != null) {
                pinger.shutdownNow();
            }
            throw new IOException("cannot start the RPC server on " + host + ":" + port
                    + "; choose a free port or 0 for an ephemeral one", e);
        }
        return new RpcServer(jetty, connector, pinger);
    }

    /** Jetty's default pool, its threads named for the RPC server and, when asked, at a lower priority. */
    private static QueuedThreadPool threadPool(int niceness) {
        QueuedThreadPool pool = new QueuedThreadPool() {
            @Override
            public Thread newThread(Runnable job) {
                if (niceness == NORMAL_PRIORITY) {
                    return super.newThread(job);
                }
                return super.newThread(() -> {
                    ThreadNiceness.lowerCurrentThread(niceness);
                    job.run();
                });
            }
        };
        pool.setName("rpc");
        return pool;
    }

    /** Upgrades WebSocket requests (checking their origin first) and hands every other request to {@code http}. */
    private static WebSocketUpgradeHandler webSocket(Server jetty, RpcHttpHandler http, RpcMethods methods,
            RpcLimits limits, WebSocketOptions ws, ScheduledExecutorService pinger) {
        WebSocketUpgradeHandler upgrade = WebSocketUpgradeHandler.from(jetty, container -> {
            container.setMaxTextMessageSize(ws.maxMessageBytes());
            container.setMaxBinaryMessageSize(ws.maxMessageBytes());
            container.setIdleTimeout(ws.pingInterval().multipliedBy(2).plus(Duration.ofSeconds(1)));
            container.addMapping("/", (request, response, callback) -> {
                if (!"/".equals(request.getHttpURI().getPath())) {
                    // geth serves its WebSocket at "/" only, and answers an upgrade elsewhere with an empty 200.
                    response.setStatus(200);
                    response.write(true, ByteBuffer.allocate(0), callback);
                    return null;
                }
                if (!ws.allowsOrigin(request.getHeaders().get("Origin"))) {
                    // gorilla's Upgrader answers a refused origin with http.Error(403).
                    RpcHttpHandler.plain(response, 403, "Forbidden", callback);
                    return null;
                }
                return new RpcWebSocket(methods, limits, ws, pinger);
            });
        });
        upgrade.setHandler(http);
        return upgrade;
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
        } finally {
            if (pinger != null) {
                pinger.shutdownNow();
            }
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
