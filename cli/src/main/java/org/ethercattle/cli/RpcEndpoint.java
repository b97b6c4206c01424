package org.ethercattle.cli;

import org.ethercattle.api.log.LogProducer;
import org.ethercattle.ethereum.eth.HeadWatcher;
import org.ethercattle.ethereum.rpc.RpcServer;
import org.ethercattle.ethereum.upstream.Upstream;

/**
 * A running Ethereum JSON-RPC endpoint and what it owns: the server, the head watcher that feeds WebSocket
 * subscriptions (with {@code --ws}), and the transaction log's producer (with {@code --tx-log}). {@link #close()}
 * stops them in that order, so no request is served after what it needs is gone.
 */
final class RpcEndpoint implements AutoCloseable {

    private final RpcServer server;
    private final HeadWatcher watcher;
    private final LogProducer txProducer;
    private final Upstream upstream;

    RpcEndpoint(RpcServer server, HeadWatcher watcher, LogProducer txProducer, Upstream upstream) {
        this.server = server;
        this.watcher = watcher;
        this.txProducer = txProducer;
        this.upstream = upstream;
    }

    /** The bound port. */
    int port() {
        return server.port();
    }

    /** The upstream forwarded to (or {@link Upstream#none()}), with its per-method counters for {@code /metrics}. */
    Upstream upstream() {
        return upstream;
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            try {
                if (watcher != null) {
                    watcher.close();
                }
            } finally {
                if (txProducer != null) {
                    txProducer.close();
                }
            }
        }
    }
}
