package org.ethercattle.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.ethercattle.api.Database;
import org.ethercattle.api.Logs;
import org.ethercattle.api.log.LogProducer;
import org.ethercattle.ethereum.eth.EthereumApi;
import org.ethercattle.ethereum.eth.LogMethods.LogLimits;
import org.ethercattle.ethereum.rawdb.Ancients;
import org.ethercattle.ethereum.rpc.CorsPolicy;
import org.ethercattle.ethereum.eth.HeadWatcher;
import org.ethercattle.ethereum.rpc.RpcLimits;
import org.ethercattle.ethereum.rpc.RpcMethods;
import org.ethercattle.ethereum.rpc.RpcServer;
import org.ethercattle.ethereum.rpc.VirtualHosts;
import org.ethercattle.ethereum.rpc.WebSocketOptions;
import org.ethercattle.ethereum.tx.TxLog;
import org.ethercattle.ethereum.upstream.Upstream;
import picocli.CommandLine.Option;

/**
 * The options of the Ethereum JSON-RPC endpoint, named after geth's {@code --http.*} flags where geth has one:
 * where to listen (loopback unless told otherwise), browser origins, virtual hosts, and the limits that keep one
 * client from taking the replica down.
 */
final class RpcOptions {

    /** How long eth_sendRawTransaction waits for the transaction log to acknowledge a transaction. */
    private static final Duration TX_LOG_ACK_TIMEOUT = Duration.ofSeconds(10);

    @Option(names = "--rpc", paramLabel = "HOST:PORT", converter = HttpAddressConverter.class,
            description = "Serve the Ethereum JSON-RPC API here (PORT alone binds 127.0.0.1; 0 picks a free port)")
    InetSocketAddress address;

    @Option(names = "--rpc-corsdomain", split = ",", paramLabel = "ORIGIN",
            description = "Browser origins allowed to call (geth --http.corsdomain; '*' for any); default none")
    List<String> corsDomains = List.of();

    @Option(names = "--rpc-vhosts", split = ",", paramLabel = "HOST", defaultValue = "localhost",
            description = "Host header names accepted (geth --http.vhosts; '*' for any); default ${DEFAULT-VALUE}")
    List<String> virtualHosts;

    @Option(names = "--rpc-max-body", paramLabel = "BYTES", defaultValue = "5242880",
            description = "Largest request body (geth: 5 MiB); default ${DEFAULT-VALUE}")
    int maxBodyBytes;

    @Option(names = "--rpc-batch-limit", paramLabel = "N", defaultValue = "1000",
            description = "Most requests in one batch (geth --rpc.batch-request-limit); default ${DEFAULT-VALUE}")
    int maxBatchItems;

    @Option(names = "--rpc-batch-response-max", paramLabel = "BYTES", defaultValue = "25000000",
            description = "Largest batch answer (geth --rpc.batch-response-max-size); default ${DEFAULT-VALUE}")
    long maxBatchResponseBytes;

    @Option(names = "--rpc-logs-max-range", paramLabel = "BLOCKS", defaultValue = "10000",
            description = "Most blocks one eth_getLogs range may span (0: no limit); default ${DEFAULT-VALUE}")
    long logsMaxRange;

    @Option(names = "--rpc-logs-max-results", paramLabel = "N", defaultValue = "10000",
            description = "Most logs one eth_getLogs answer may hold (0: no limit); default ${DEFAULT-VALUE}")
    int logsMaxResults;

    @Option(names = "--tx-log", paramLabel = "SPEC",
            description = "Publish transactions sent with eth_sendRawTransaction (once checked) to this log, any log"
                    + " Cattle has, for 'cattle txrelay' to submit to a node; without it the method answers -32601")
    String txLog;

    @Option(names = "--rpc-upstream", paramLabel = "URL",
            description = "Forward what a replica cannot compute (eth_call, eth_estimateGas, eth_createAccessList,"
                    + " eth_simulateV1, debug_trace*, txpool_*) to this node's HTTP JSON-RPC endpoint; without it"
                    + " they answer -32601")
    URI upstreamUrl;

    @Option(names = "--rpc-upstream-timeout", paramLabel = "DURATION", defaultValue = "30s",
            converter = DurationConverter.class,
            description = "How long one forwarded call may take (traces are slow); default ${DEFAULT-VALUE}")
    Duration upstreamTimeout;

    @Option(names = "--ws",
            description = "Also serve WebSocket on the --rpc port (geth --ws): every method, and eth_subscribe"
                    + " newHeads and logs as the store's head moves")
    boolean ws;

    @Option(names = "--ws-origins", split = ",", paramLabel = "ORIGIN",
            description = "Browser origins allowed to open a WebSocket (geth --ws.origins; '*' for any); default"
                    + " localhost only")
    List<String> wsOrigins = List.of();

    @Option(names = "--rpc-nice", paramLabel = "N",
            description = "CPU priority of the RPC server's threads as a Linux nice value, 0 (normal) to 19 (lowest):"
                    + " above 0 they yield the CPU to the replay, so a replica under more reads than it can serve keeps"
                    + " applying the log; default " + REPLICA_NICENESS + " for a replica, 0 for 'cattle serve'")
    Integer niceness;

    /**
     * A replica's RPC threads yield to its replay unless told otherwise: falling behind makes it unready. The lowest
     * priority, because Linux weighs threads one by one: sixteen busy RPC threads at nice 10 (weight 110 each)
     * together outweigh the replay's one thread at 0 (1024), which then waits on the run queue; at 19 (15 each)
     * they do not. With nothing else to run they still get the whole CPU.
     */
    static final int REPLICA_NICENESS = 19;

    /** Whether {@code --rpc} was given. */
    boolean enabled() {
        return address != null;
    }

    /**
     * Starts the endpoint over {@code db}; the caller closes it before the store.
     *
     * @param defaultNiceness the RPC threads' nice value when {@code --rpc-nice} is not given
     *
     * @throws IllegalStateException when the store is not a geth database the endpoint can serve
     * @throws UncheckedIOException when the address cannot be bound
     */
    RpcEndpoint start(Database db, Ancients ancients, int defaultNiceness) {
        if (maxBodyBytes <= 0 || maxBatchItems <= 0 || maxBatchResponseBytes <= 0 || logsMaxRange < 0
                || logsMaxResults < 0) {
            throw new IllegalArgumentException("--rpc-max-body, --rpc-batch-limit and --rpc-batch-response-max "
                    + "must be positive, --rpc-logs-max-range and --rpc-logs-max-results zero or positive");
        }
        if (niceness != null && (niceness < RpcServer.NORMAL_PRIORITY || niceness > RpcServer.LOWEST_PRIORITY)) {
            throw new IllegalArgumentException("--rpc-nice must be 0 (normal) to 19 (lowest), got " + niceness);
        }
        if (upstreamTimeout.isNegative() || upstreamTimeout.isZero()) {
            throw new IllegalArgumentException("--rpc-upstream-timeout must be positive, got " + upstreamTimeout);
        }
        Upstream upstream = upstreamUrl == null ? Upstream.none() : Upstream.to(upstreamUrl, upstreamTimeout);
        LogLimits logLimits = new LogLimits(logsMaxRange, logsMaxResults);
        LogProducer txProducer = null;
        HeadWatcher watcher = null;
        try {
            TxLog transactions = null;
            if (txLog != null) {
                txProducer = Logs.openProducer(txLog);
                // TxLog names the spec in RPC errors that clients see: never with its secrets.
                transactions = new TxLog(txProducer, org.ethercattle.api.spi.Spec.redact(txLog), TX_LOG_ACK_TIMEOUT);
            }
            RpcMethods methods = EthereumApi.methods(db, ancients, logLimits, transactions, upstream);
            WebSocketOptions webSocket = WebSocketOptions.DISABLED;
            if (ws) {
                watcher = EthereumApi.subscriptions(methods, db, ancients, HeadWatcher.DEFAULT_INTERVAL, logLimits);
                webSocket = WebSocketOptions.GETH_DEFAULTS.withOrigins(wsOrigins);
            }
            RpcServer server = RpcServer.start(address.getHostString(), address.getPort(), methods,
                    new RpcLimits(maxBodyBytes, maxBatchItems, maxBatchResponseBytes),
                    corsDomains.isEmpty() ? CorsPolicy.DISABLED : new CorsPolicy(corsDomains),
                    VirtualHosts.of(virtualHosts), webSocket, niceness == null ? defaultNiceness : niceness);
            return new RpcEndpoint(server, watcher, txProducer, upstream);
        } catch (IOException e) {
            close(watcher, txProducer);
            throw new UncheckedIOException(e.getMessage(), e);
        } catch (RuntimeException e) {
            close(watcher, txProducer);
            throw e;
        }
    }

    private static void close(HeadWatcher watcher, LogProducer txProducer) {
        if (watcher != null) {
            watcher.close();
        }
        if (txProducer != null) {
            txProducer.close();
        }
    }
}
