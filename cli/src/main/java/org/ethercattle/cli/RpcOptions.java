package org.ethercattle.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import org.ethercattle.api.Database;
import org.ethercattle.ethereum.eth.EthereumApi;
import org.ethercattle.ethereum.eth.LogMethods.LogLimits;
import org.ethercattle.ethereum.rawdb.Ancients;
import org.ethercattle.ethereum.rpc.CorsPolicy;
import org.ethercattle.ethereum.rpc.RpcLimits;
import org.ethercattle.ethereum.rpc.RpcServer;
import org.ethercattle.ethereum.rpc.VirtualHosts;
import picocli.CommandLine.Option;

/**
 * The options of the Ethereum JSON-RPC endpoint, named after geth's {@code --http.*} flags where geth has one:
 * where to listen (loopback unless told otherwise), browser origins, virtual hosts, and the limits that keep one
 * client from taking the replica down.
 */
final class RpcOptions {

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

    /** Whether {@code --rpc} was given. */
    boolean enabled() {
        return address != null;
    }

    /**
     * Starts the endpoint over {@code db}.
     *
     * @throws IllegalStateException when the store is not a geth database the endpoint can serve
     * @throws UncheckedIOException when the address cannot be bound
     */
    RpcServer start(Database db, Ancients ancients) {
        if (maxBodyBytes <= 0 || maxBatchItems <= 0 || maxBatchResponseBytes <= 0 || logsMaxRange < 0
                || logsMaxResults < 0) {
            throw new IllegalArgumentException("--rpc-max-body, --rpc-batch-limit and --rpc-batch-response-max "
                    + "must be positive, --rpc-logs-max-range and --rpc-logs-max-results zero or positive");
        }
        try {
            return RpcServer.start(address.getHostString(), address.getPort(),
                    EthereumApi.methods(db, ancients, new LogLimits(logsMaxRange, logsMaxResults)),
                    new RpcLimits(maxBodyBytes, maxBatchItems, maxBatchResponseBytes),
                    corsDomains.isEmpty() ? CorsPolicy.DISABLED : new CorsPolicy(corsDomains),
                    VirtualHosts.of(virtualHosts));
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }
}
