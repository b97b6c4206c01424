package org.ethercattle.cli;

import static org.ethercattle.cli.ConsoleLines.say;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.ethercattle.api.Logs;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.ethereum.tx.RelayCheckpoint;
import org.ethercattle.ethereum.tx.RelaySettings;
import org.ethercattle.ethereum.tx.TxRelay;
import org.ethercattle.ethereum.upstream.JsonRpcClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code cattle txrelay --tx-log SPEC --to URL --checkpoint FILE}: submits each transaction replicas published to
 * the transaction log ({@code cattle replica --tx-log}) to a node with {@code eth_sendRawTransaction} ({@link
 * TxRelay}): in log order, retrying while the node does not answer, dropping transactions older than {@code --ttl},
 * and saving its position after each so a restart resends nothing already done. Runs until SIGTERM, or with
 * {@code --exit-when-idle} until the log holds nothing new; metrics with {@code --metrics}.
 */
@Command(
        mixinStandardHelpOptions = true,
        versionProvider = CattleVersion.class,
        name = "txrelay",
        description = {
            "Submit the transactions replicas published to a transaction log (--tx-log) to a node (--to).",
            "Resumes after its checkpoint; retries a node that does not answer; drops transactions older than --ttl."
        })
final class TxRelayCommand implements Runnable {

    private static final long SHUTDOWN_WAIT_SECONDS = 30;

    @Option(names = "--tx-log", required = true, paramLabel = "SPEC",
            description = "The transaction log replicas publish to, e.g. file:/var/lib/cattle/txlog")
    String txLog;

    @Option(names = "--to", required = true, paramLabel = "URL",
            description = "The node's HTTP JSON-RPC endpoint, e.g. http://geth:8545")
    URI node;

    @Option(names = "--checkpoint", required = true, paramLabel = "FILE",
            description = "Where the position of the last transaction done is kept (created on first run)")
    Path checkpoint;

    @Option(names = "--ttl", paramLabel = "DURATION", defaultValue = "10m", converter = DurationConverter.class,
            description = "Drop transactions that have waited in the log longer than this; default ${DEFAULT-VALUE}")
    Duration ttl;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "How long one submission may take before it counts as unanswered; default ${DEFAULT-VALUE}")
    Duration timeout;

    @Option(names = "--metrics", paramLabel = "HOST:PORT", converter = HttpAddressConverter.class,
            description = "Serve Prometheus /metrics here (a bare port binds 127.0.0.1)")
    InetSocketAddress metrics;

    @Option(names = "--exit-when-idle",
            description = "Exit 0 once a poll of the log brings nothing new, instead of waiting for more.")
    boolean exitWhenIdle;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        if (ttl.isNegative() || ttl.isZero() || timeout.isNegative() || timeout.isZero()) {
            throw new ParameterException(spec.commandLine(), "--ttl and --timeout must be positive");
        }
        PrintWriter out = spec.commandLine().getOut();
        RelaySettings settings = RelaySettings.DEFAULTS.withTtl(ttl);
        try (LogConsumer log = Logs.openConsumer(txLog)) {
            TxRelay relay = new TxRelay(log, new RelayCheckpoint(checkpoint.toAbsolutePath()),
                    new JsonRpcClient(node, timeout), settings, Clock.systemUTC());
            try (TxRelayMetrics served = metrics == null ? null
                    : new TxRelayMetrics(metrics, log.streamId(), relay.counters())) {
                if (served != null) {
                    say(out, "txrelay: metrics on http://" + metrics.getHostString() + ":" + served.port()
                            + "/metrics");
                }
                say(out, "txrelay: relaying " + org.ethercattle.api.spi.Spec.redact(txLog) + " to " + node + " (ttl " + ttl + ")");
                if (exitWhenIdle) {
                    while (relay.relayOnce() > 0) {
                        // keep going while polls bring transactions
                    }
                } else {
                    follow(relay);
                }
                say(out, "txrelay: stopped: " + relay.counters());
            }
        }
    }

    /** Relays until SIGTERM, then lets the transaction in hand finish. */
    private static void follow(TxRelay relay) {
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            relay.stop();
            try {
                done.await(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "cattle-txrelay-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            relay.run();
        } finally {
            done.countDown();
        }
    }
}
