package org.ethercattle.cli;

import static org.ethercattle.cli.ConsoleLines.say;

import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.ethercattle.api.Codecs;
import org.ethercattle.api.Database;
import org.ethercattle.api.Logs;
import org.ethercattle.api.Stores;
import org.ethercattle.api.log.LogProducer;
import org.ethercattle.core.master.Master;
import org.ethercattle.core.master.MasterDatabase;
import org.ethercattle.ethereum.follow.FollowStep;
import org.ethercattle.ethereum.follow.NodeBlocks;
import org.ethercattle.ethereum.follow.NodeClient;
import org.ethercattle.ethereum.follow.NodeFollower;
import org.ethercattle.ethereum.follow.RequestRate;
import org.ethercattle.ethereum.follow.RetryPolicy;
import org.ethercattle.ethereum.workload.GethWorkload;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code cattle master}: a master. Wraps a store with change capture ({@link Master}) and, with heartbeats, either
 * writes the geth-shaped demo workload ({@link GethWorkload}) at a paced rate, or, with {@code --follow-rpc},
 * follows an execution node's canonical chain over JSON-RPC ({@link NodeFollower}: each block checked against its
 * header and written as one atomic batch, reorgs rewritten, resuming from the store's head). Stops after {@code
 * --blocks} or {@code --duration}, or on SIGTERM; then flushes the log and closes the store.
 */
@Command(
        mixinStandardHelpOptions = true,
        versionProvider = CattleVersion.class,
        name = "master",
        description = {
            "Write geth-shaped blocks through change capture into a log, with heartbeats, for replicas to follow:",
            "a demo workload, or with --follow-rpc the chain of an execution node (chain data only, no state).",
            "Runs until --blocks or --duration is reached, or until SIGTERM; then flushes the log and closes."
        })
final class MasterCommand implements Runnable {

    private static final long PROGRESS_EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long SHUTDOWN_WAIT_SECONDS = 30;
    /** How often a caught-up follower asks the node for a new head: about a block time of a fast chain. */
    private static final long FOLLOW_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    @Option(names = "--store", required = true, paramLabel = "SPEC",
            description = "The master's store, e.g. rocksdb:/var/lib/cattle/master")
    String storeSpec;

    @Option(names = "--log", required = true, paramLabel = "SPEC",
            description = "The change log to write, e.g. file:/var/lib/cattle/log")
    String logSpec;

    @Option(names = "--codec", defaultValue = Codecs.DEFAULT, paramLabel = "NAME",
            description = "Wire format of the records (default: ${DEFAULT-VALUE})")
    String codecName;

    @Option(names = "--rate", defaultValue = "10", paramLabel = "BLOCKS_PER_S", converter = RateConverter.class,
            description = "Blocks written per second; 0 writes as fast as the store and log allow"
                    + " (default: ${DEFAULT-VALUE})")
    double rate;

    @ArgGroup(exclusive = true)
    Limit limit;

    /** At most one of the stop conditions. */
    static final class Limit {
        @Option(names = "--blocks", paramLabel = "N", description = "Stop after this many blocks")
        Long blocks;

        @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
                description = "Stop after this long, e.g. 60s (default: until SIGTERM)")
        Duration duration;
    }

    @Option(names = "--heartbeat", defaultValue = "5s", paramLabel = "DURATION",
            converter = DurationConverter.OrZero.class,
            description = "Heartbeat interval, so replicas tell an idle master from a dead one; 0s for none"
                    + " (default: ${DEFAULT-VALUE})")
    Duration heartbeat;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
            description = "Workload seed; masters with the same seed write the same chain (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--first-block", defaultValue = "0", paramLabel = "N",
            description = "Number of the first block written, e.g. to continue an earlier run (default: ${DEFAULT-VALUE})")
    long firstBlock;

    @Option(names = "--follow-rpc", paramLabel = "URL",
            description = "Follow this execution node's canonical chain (its HTTP JSON-RPC endpoint) instead of"
                    + " writing the demo workload; --rate, --seed and --first-block then do not apply")
    URI followRpc;

    @Option(names = "--from", paramLabel = "BLOCK",
            description = "With --follow-rpc: the first block to follow into an empty store (default: 0, the whole"
                    + " chain); a store that has a head resumes from it")
    Long followFrom;

    @Option(names = "--follow-rate", defaultValue = "25", paramLabel = "REQUESTS_PER_S",
            converter = RateConverter.Positive.class,
            description = "With --follow-rpc: at most this many requests a second to the node; a block takes about"
                    + " three (default: ${DEFAULT-VALUE})")
    double followRate;

    @Spec
    CommandSpec spec;

    private volatile boolean stopRequested;

    @Override
    public void run() {
        // --rate, --follow-rate and the durations are checked by their converters.
        if (firstBlock < 0) {
            throw new ParameterException(spec.commandLine(), "--first-block " + firstBlock
                    + ": must be a block number of 0 or more");
        }
        if (limit != null && limit.blocks != null && limit.blocks < 1) {
            throw new ParameterException(spec.commandLine(), "--blocks " + limit.blocks + ": must be at least 1");
        }
        if (followRpc == null && followFrom != null) {
            throw new ParameterException(spec.commandLine(), "--from needs --follow-rpc: the demo workload starts at"
                    + " --first-block");
        }
        if (followRpc != null && followFrom != null && followFrom < 0) {
            throw new ParameterException(spec.commandLine(), "--from " + followFrom
                    + ": must be a block number of 0 or more");
        }
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch closed = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stopRequested = true;
            try {
                closed.await(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "cattle-master-shutdown");
        try (MasterDatabase master = open()) {
            Runtime.getRuntime().addShutdownHook(hook);
            // Specs are shown redacted: a log spec may carry a password or token.
            say(out, "master: store " + org.ethercattle.api.spi.Spec.redact(storeSpec) + ", log "
                    + org.ethercattle.api.spi.Spec.redact(logSpec) + ", producer " + master.producerId()
                    + ", heartbeat every " + (heartbeat.isZero() ? "(none)" : heartbeat.toMillis() + " ms")
                    + (followRpc != null
                            ? ", following " + followRpc + " at up to " + followRate + " requests/s"
                            : ", writing blocks from " + firstBlock + " at "
                                    + (rate == 0 ? "full speed" : rate + " blocks/s")) + " (SIGTERM stops)");
            long written = followRpc != null ? follow(master, out) : write(master, out);
            master.flush();
            say(out, "master: stopped after " + written + " blocks; the log is flushed");
        } finally {
            closed.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException | IllegalArgumentException e) {
                // shutting down (the hook runs), or never added because opening failed
            }
        }
    }

    private MasterDatabase open() {
        LogProducer producer = Logs.openProducer(logSpec);
        Database store;
        try {
            store = Stores.open(storeSpec);
        } catch (RuntimeException e) {
            producer.close();
            throw e;
        }
        return Master.wrap(store, producer, Codecs.get(codecName)).heartbeatEvery(heartbeat).start();
    }

    private long write(MasterDatabase master, PrintWriter out) {
        GethWorkload workload = new GethWorkload(seed, firstBlock);
        long start = System.nanoTime();
        long deadline = limit != null && limit.duration != null ? start + limit.duration.toNanos() : Long.MAX_VALUE;
        long maxBlocks = limit != null && limit.blocks != null ? limit.blocks : Long.MAX_VALUE;
        long nextProgress = start + PROGRESS_EVERY_NANOS;
        long written = 0;
        while (!stopRequested && written < maxBlocks && System.nanoTime() < deadline) {
            workload.writeNextBlock(master);
            written++;
            long now = System.nanoTime();
            if (now >= nextProgress) {
                say(out, String.format("master: %d blocks written (%.1f blocks/s), last block %d", written,
                        written / ((now - start) / 1e9), workload.nextBlockNumber() - 1));
                nextProgress = now + PROGRESS_EVERY_NANOS;
            }
            if (rate > 0) {
                long due = start + (long) (written * 1e9 / rate);
                sleepUntil(Math.min(due, deadline));
            }
        }
        return written;
    }

    private long follow(MasterDatabase master, PrintWriter out) {
        NodeFollower follower = new NodeFollower(master, new NodeBlocks(new NodeClient(followRpc,
                RequestRate.perSecond(followRate), RetryPolicy.FOLLOWER)), followFrom == null ? 0 : followFrom,
                followRpc.toString());
        follower.head().ifPresent(h -> say(out, "master: resuming after block " + h + " (the store's head)"));
        long start = System.nanoTime();
        long deadline = limit != null && limit.duration != null ? start + limit.duration.toNanos() : Long.MAX_VALUE;
        long maxBlocks = limit != null && limit.blocks != null ? limit.blocks : Long.MAX_VALUE;
        long nextProgress = start + PROGRESS_EVERY_NANOS;
        long written = 0;
        while (!stopRequested && written < maxBlocks && System.nanoTime() < deadline) {
            FollowStep step = follower.step(maxBlocks - written);
            written += step.appended();
            long now = System.nanoTime();
            if (step.reorged() > 0 || now >= nextProgress) {
                say(out, "master: head " + step.head() + " (node head " + step.nodeHead() + "), " + written
                        + " blocks written" + (step.reorged() > 0 ? ", reorg replaced " + step.reorged() + " blocks"
                        : ""));
                nextProgress = now + PROGRESS_EVERY_NANOS;
            }
            if (step.caughtUp()) {
                sleepUntil(Math.min(now + FOLLOW_POLL_NANOS, deadline));
            }
        }
        return written;
    }

    private void sleepUntil(long nanoTime) {
        long wait;
        while (!stopRequested && (wait = nanoTime - System.nanoTime()) > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(Math.min(wait, TimeUnit.MILLISECONDS.toNanos(100)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopRequested = true;
            }
        }
    }
}
