package org.ethercattle.cli;

import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.ethercattle.api.Codecs;
import org.ethercattle.api.Database;
import org.ethercattle.api.Logs;
import org.ethercattle.api.Stores;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.record.Codec;
import org.ethercattle.core.replay.ReplayStats;
import org.ethercattle.core.replay.Replayer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cattle replica}: replays a log into a local store, catches up, then follows the log until
 * SIGTERM (or exits once caught up with {@code --exit-when-caught-up}).
 *
 * <p>A replica may be killed at any moment: the replayer checkpoints the log position in the same atomic
 * batch as the data, so the next start resumes where the store is. On SIGTERM it stops replay, commits
 * what it applied, and closes the store and the consumer before the JVM exits.
 */
@Command(
        mixinStandardHelpOptions = true,
        versionProvider = CattleVersion.class,
        name = "replica",
        description = {
            "Replay a change log into a local store and keep following it.",
            "Resumes from the checkpoint inside the store; stops cleanly on SIGTERM."
        })
final class ReplicaCommand implements Runnable {

    /** How long a SIGTERM waits for replay to stop and the store to close before the JVM exits anyway. */
    private static final long SHUTDOWN_WAIT_SECONDS = 30;

    @Option(names = "--store", required = true, paramLabel = "SPEC",
            description = "The replica's store, e.g. rocksdb:/var/lib/cattle/replica")
    String storeSpec;

    @Option(names = "--log", required = true, paramLabel = "SPEC",
            description = "The change log to follow, e.g. file:/var/lib/cattle/log")
    String logSpec;

    @Option(names = "--codec", defaultValue = Codecs.DEFAULT, paramLabel = "NAME",
            description = "Wire format of the log's records (default: ${DEFAULT-VALUE})")
    String codecName;

    @Option(names = "--max-batch-bytes", paramLabel = "SIZE", converter = ByteSizeConverter.class,
            description = "Bytes of keys and values collected into one store batch before it is written with"
                    + " its checkpoint, e.g. 1m (default: the replayer's, 8m)")
    Long maxBatchBytes;

    @Option(names = "--exit-when-caught-up",
            description = "Exit 0 once every record in the log at start is applied, instead of following it.")
    boolean exitWhenCaughtUp;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        Codec codec = Codecs.get(codecName);
        CountDownLatch closed = new CountDownLatch(1);
        AtomicBoolean terminating = new AtomicBoolean();
        Thread hook = null;
        try (Database store = Stores.open(storeSpec);
                LogConsumer log = Logs.openConsumer(logSpec);
                Replayer replayer = replayer(store, log, codec)) {
            hook = new Thread(() -> {
                terminating.set(true);
                stopAndWait(replayer, closed);
            }, "cattle-replica-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            say(out, "replica: store " + storeSpec + ", log " + logSpec + " (stream " + log.streamId() + "), "
                    + replayer.resumedAfter().map(p -> "resuming after " + p).orElse("starting at the log's start"));
            long applied = replayer.catchUp();
            if (terminating.get()) {
                say(out, "replica: stopped before catching up, at " + describe(replayer.stats()));
                return;
            }
            say(out, "replica: caught up: " + applied + " records applied, at " + describe(replayer.stats()));
            if (exitWhenCaughtUp) {
                return;
            }
            say(out, "replica: following the log (SIGTERM stops)");
            replayer.run();
            say(out, "replica: stopped at " + describe(replayer.stats()));
        } finally {
            closed.countDown();
            removeHook(hook);
        }
    }

    private Replayer replayer(Database store, LogConsumer log, Codec codec) {
        Replayer.Builder builder = Replayer.builder(store, log).codec(codec);
        if (maxBatchBytes != null) {
            builder.maxBatchBytes(maxBatchBytes);
        }
        return builder.build();
    }

    private static void removeHook(Thread hook) {
        if (hook == null) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running: it is what stopped replay, and it returns now that the store is closed.
        }
    }

    private static void stopAndWait(Replayer replayer, CountDownLatch closed) {
        replayer.stop();
        try {
            if (!closed.await(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS)) {
                System.err.println("cattle: replica did not stop within " + SHUTDOWN_WAIT_SECONDS
                        + " s; exiting anyway (the store resumes from its last checkpoint)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String describe(ReplayStats stats) {
        return (stats.lastPosition() == null ? "no position yet" : "position " + stats.lastPosition())
                + " (" + stats.recordsApplied() + " records, " + stats.opsApplied() + " ops this run)";
    }

    private static void say(PrintWriter out, String line) {
        out.println(line);
        out.flush();
    }
}
