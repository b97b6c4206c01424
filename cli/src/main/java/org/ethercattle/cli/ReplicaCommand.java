package org.ethercattle.cli;

import static org.ethercattle.cli.ConsoleLines.say;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.ethercattle.api.Codecs;
import org.ethercattle.api.replay.ChainHeads;
import org.ethercattle.core.replay.ReplayStats;
import org.ethercattle.core.status.ReadinessPolicy;
import org.ethercattle.ethereum.ethercattle.AncientStore;
import org.ethercattle.ethereum.ethercattle.EtherCattleCodec;
import org.ethercattle.ethereum.ethercattle.KafkaTopicForm;
import org.ethercattle.ethereum.guard.GethChainHeads;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code cattle replica}: the replica service. Replays a log into a local store, catches up with the log end
 * seen at start, then follows the log until SIGTERM (or exits once caught up with
 * {@code --exit-when-caught-up}). With {@code --http} it serves {@code /healthz}, {@code /readyz},
 * {@code /status} and {@code /metrics} (see {@link ReplicaHttp}); readiness is "syncing" until caught up.
 *
 * <p>A replica may be killed at any moment: the replayer checkpoints the log position in the same atomic
 * batch as the data, so the next start resumes where the store is. On SIGTERM it stops replay after the batch
 * in hand, commits it with its checkpoint, and closes the store and the consumers before the JVM exits.
 *
 * <p>When replay stops on a fatal error while HTTP is served, the process stays up answering {@code /healthz}
 * 500 and {@code /readyz} 503 "failed" (so the orchestrator and the load balancer see why) until it is
 * stopped; without HTTP, or with {@code --exit-when-caught-up}, it exits with code 2.
 */
@Command(
        mixinStandardHelpOptions = true,
        versionProvider = CattleVersion.class,
        name = "replica",
        description = {
            "Replay a change log into a local store and keep following it; serve health, readiness, status and"
                    + " metrics over HTTP with --http.",
            "Resumes from the checkpoint inside the store; stops cleanly on SIGTERM.",
            "Options may also come from a properties file (--config FILE, keys are the long options without"
                    + " dashes, e.g. max-age=90s) or an @-file of arguments (cattle replica @replica.args);"
                    + " the command line wins over --config."
        })
final class ReplicaCommand implements Runnable {

    /** How long a SIGTERM waits for replay to stop and the store to close before the JVM exits anyway. */
    private static final long SHUTDOWN_WAIT_SECONDS = 30;

    @Option(names = "--store", paramLabel = "SPEC",
            description = "The replica's store, e.g. rocksdb:/var/lib/cattle/replica (required)")
    String storeSpec;

    @Option(names = "--log", paramLabel = "SPEC",
            description = "The change log to follow, e.g. file:/var/lib/cattle/log (required)")
    String logSpec;

    @Option(names = "--codec", defaultValue = Codecs.DEFAULT, paramLabel = "NAME",
            description = "Wire format of the log's records (default: ${DEFAULT-VALUE})")
    String codecName;

    @Option(names = "--max-batch-bytes", paramLabel = "SIZE", converter = ByteSizeConverter.class,
            description = "Bytes of keys and values collected into one store batch before it is written with"
                    + " its checkpoint, e.g. 1m (default: the replayer's, 8m)")
    Long maxBatchBytes;

    @Option(names = "--read-ahead", paramLabel = "SIZE", converter = ByteSizeConverter.class,
            description = "Poll the log on a background thread, keeping up to SIZE read ahead, e.g. 32m; it paid"
                    + " on a long catch-up from Kafka, not on short ones (default: off)")
    Long readAheadBytes;

    @Option(names = "--exit-when-caught-up",
            description = "Exit 0 once every record in the log at start is applied, instead of following it.")
    boolean exitWhenCaughtUp;

    @Option(names = "--http", paramLabel = "[HOST:]PORT", converter = HttpAddressConverter.class,
            description = "Serve /healthz, /readyz, /status and /metrics here; a bare port binds 127.0.0.1,"
                    + " port 0 picks a free one (default: no HTTP)")
    InetSocketAddress http;

    @Option(names = "--max-lag", paramLabel = "N", defaultValue = "100",
            description = "Not ready (lagging) with more log entries than this waiting (default: ${DEFAULT-VALUE})")
    long maxLag;

    @Option(names = "--max-age", paramLabel = "DURATION", defaultValue = "90s",
            converter = DurationConverter.OrZero.class,
            description = "Not ready (stale) when the newest record, heartbeats included, is older; 0s turns the"
                    + " rule off (default: ${DEFAULT-VALUE})")
    Duration maxAge;

    @Option(names = "--ready-while-settling",
            description = "Report ready as soon as caught up, also while the store still merges what a long"
                    + " catch-up deferred (settling: reads much slower until it ends); for a replica that must"
                    + " serve at once, such as the only one")
    boolean readyWhileSettling;

    @Option(names = "--head-guard", paramLabel = "POLICY",
            converter = HeadGuardChoice.Converter.class,
            description = "Multi-master head policy for geth's head keys: seen (drop a head value already seen),"
                    + " numbers (never a lower block number, via 'H'+hash), none (default: seen with --codec"
                    + " ethercattle, else none)")
    HeadGuardChoice headGuard;

    @Option(names = "--ethercattle-topic", paramLabel = "FORM",
            description = "With --codec ethercattle: the original's kafka.topic form. 'name' resumes after the"
                    + " offset in the store's cdc-log-name-offset key when there is no Cattle checkpoint (the"
                    + " default, with the stream's own name); 'name:' starts at the oldest offset; 'name:N' at"
                    + " offset N")
    String etherCattleTopic;

    @Option(names = "--write-ethercattle-offset",
            description = "With --codec ethercattle: also write the original's cdc-log-<topic>-offset key with"
                    + " every commit, so an original Go replica can take over this database")
    boolean writeEtherCattleOffset;

    @Option(names = "--seeded-at", paramLabel = "OFFSET",
            description = "The store holds no checkpoint but already holds everything up to and including the log"
                    + " entry at this offset (a copy of the master's store taken when that entry was the newest):"
                    + " replay after it. Needed when the log no longer starts at the stream's first entry. A"
                    + " checkpoint in the store wins")
    Long seededAt;

    @Option(names = "--scrub-every", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Check the store's files in the background every DURATION, e.g. 24h (the pass 'cattle"
                    + " verify' runs, at low CPU priority; first one interval after the start). Damage turns"
                    + " /readyz to 503 (store-damaged) until restart (default: never)")
    Duration scrubEvery;

    @Mixin
    RpcOptions rpc;

    @Option(names = "--max-block-age", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "With a geth chain: /readyz answers 503 while the head block (LastBlock) is older than"
                    + " this, e.g. 60s (default: no such rule); /status and /metrics show the head block either way")
    Duration maxBlockAge;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Read options from this properties file (key = long option without dashes)")
    Path config;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        if (config != null) {
            runWithConfig();
            return;
        }
        if (storeSpec == null) {
            throw new ParameterException(spec.commandLine(), "Missing required option: '--store=SPEC'"
                    + " (or store= in a --config file)");
        }
        if (logSpec == null) {
            throw new ParameterException(spec.commandLine(), "Missing required option: '--log=SPEC'"
                    + " (or log= in a --config file)");
        }
        if (seededAt != null && seededAt < 0) {
            throw new ParameterException(spec.commandLine(), "--seeded-at " + seededAt
                    + ": must be a log offset, 0 or more");
        }
        if (maxLag < 0) {
            throw new ParameterException(spec.commandLine(), "--max-lag " + maxLag
                    + ": must be a number of log entries, 0 or more");
        }
        serve();
    }

    private void serve() {
        PrintWriter out = spec.commandLine().getOut();
        HeadGuardChoice guard = headGuard != null ? headGuard : HeadGuardChoice.defaultFor(codecName);
        // The status shows geth's heads when the data is geth's: an ethercattle stream, or a geth guard chosen.
        ChainHeads heads = guard.guardsGethHeads() || codecName.equals(EtherCattleCodec.NAME)
                ? GethChainHeads.DEFAULT : ChainHeads.none();
        ReplicaService.Settings settings = new ReplicaService.Settings(storeSpec, logSpec, Codecs.get(codecName),
                maxBatchBytes, guard.newGuard(), heads, new ReadinessPolicy(maxLag, maxAge, !readyWhileSettling),
                http, etherCattleStart(), readAheadBytes, seededAt, scrubEvery);
        CountDownLatch closed = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean terminating = new AtomicBoolean();
        Thread hook = null;
        try (ReplicaService service = ReplicaService.open(settings)) {
            hook = new Thread(() -> {
                terminating.set(true);
                service.stop();
                stopped.countDown();
                await(closed);
            }, "cattle-replica-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            watchHeadBlock(service, heads);
            // Specs are shown redacted: a log spec may carry a password or token.
            say(out, "replica: store " + org.ethercattle.api.spi.Spec.redact(storeSpec) + ", log "
                    + org.ethercattle.api.spi.Spec.redact(logSpec) + " (stream " + service.streamId() + "), "
                    + service.replayer().resumedAfter().map(p -> "resuming after " + p)
                            .orElse("starting at the log's start"));
            service.httpAddress().ifPresent(a -> say(out, "replica: serving http://" + a.getHostString() + ":"
                    + a.getPort() + " (/healthz /readyz /status /metrics); ready once caught up with "
                    + service.monitor().initialLogEnd().map(Object::toString).orElse("the empty log")));
            try {
                replay(service, out, terminating);
            } catch (RuntimeException e) {
                if (settings.http() == null || exitWhenCaughtUp || !service.stats().failed()) {
                    throw e;
                }
                PrintWriter err = spec.commandLine().getErr();
                err.println("cattle: error: " + OneLineErrors.describe(e));
                err.flush();
                say(out, "replica: replay stopped on that error; /healthz answers 500 until this replica is stopped");
                awaitStop(stopped);
            }
        } finally {
            closed.countDown();
            removeHook(hook);
        }
    }

    /**
     * The head block on /status and /metrics, and the --max-block-age rule on /readyz, for a replica of a geth chain
     * (geth's heads shown, --rpc, or --max-block-age asked for).
     */
    private void watchHeadBlock(ReplicaService service, ChainHeads heads) {
        if (maxBlockAge == null && !rpc.enabled() && heads.keys().isEmpty()) {
            return;
        }
        HeadBlockCheck check = new HeadBlockCheck(service.store(), maxBlockAge, java.time.Clock.systemUTC());
        service.metrics().bindHeadBlock(check);
        service.http().ifPresent(h -> h.watchHeadBlock(check));
    }

    /** The Ether Cattle offset-key handling, for that codec only; options meant for it fail with another. */
    private EtherCattleStart etherCattleStart() {
        boolean etherCattle = codecName.equals(EtherCattleCodec.NAME);
        if (!etherCattle) {
            if (etherCattleTopic != null || writeEtherCattleOffset) {
                throw new ParameterException(spec.commandLine(), "--ethercattle-topic and --write-ethercattle-offset"
                        + " apply to --codec " + EtherCattleCodec.NAME + " only, not " + codecName);
            }
            return null;
        }
        try {
            KafkaTopicForm form = etherCattleTopic == null ? null : KafkaTopicForm.parse(etherCattleTopic);
            return new EtherCattleStart(form, writeEtherCattleOffset);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private void replay(ReplicaService service, PrintWriter out, AtomicBoolean terminating) {
        CatchUpProgress progress = new CatchUpProgress(out, System.console() != null, service.monitor(),
                service::stats);
        long applied = service.catchUp(progress);
        if (terminating.get()) {
            say(out, "replica: stopped before catching up, at " + describe(service.stats()));
            return;
        }
        say(out, "replica: caught up: " + applied + " records applied, at " + describe(service.stats()));
        if (exitWhenCaughtUp) {
            return;
        }
        try (RpcEndpoint endpoint = startRpc(service, out)) {
            say(out, "replica: following the log (SIGTERM stops)");
            service.follow();
            say(out, "replica: stopped at " + describe(service.stats()));
        }
    }

    /**
     * The Ethereum JSON-RPC endpoint over the replica's store, started once the replica has caught up (so it
     * never answers from a store still far behind its log), or {@code null} without {@code --rpc}.
     */
    private RpcEndpoint startRpc(ReplicaService service, PrintWriter out) {
        if (!rpc.enabled()) {
            return null;
        }
        // Blocks an original Ether Cattle master froze reach the replica as ancient keys in the store itself.
        RpcEndpoint endpoint = rpc.start(service.store(), new AncientStore(service.store()),
                RpcOptions.REPLICA_NICENESS);
        service.metrics().bindUpstream(endpoint.upstream().counters());
        say(out, "replica: serving the Ethereum JSON-RPC API on http://" + rpc.address.getHostString() + ":"
                + endpoint.port() + (rpc.ws ? " (and WebSocket)" : ""));
        return endpoint;
    }

    /** Parses the config file's options followed by this command line's (which win) and runs that. */
    private void runWithConfig() {
        CommandLine self = spec.commandLine();
        ReplicaCommand merged = new ReplicaCommand();
        CommandLine line = new CommandLine(merged)
                .setOverwrittenOptionsAllowed(true)
                .setCaseInsensitiveEnumValuesAllowed(true);
        line.setOut(self.getOut());
        line.setErr(self.getErr());
        List<String> args = new ArrayList<>(ConfigFile.toArgs(config, line.getCommandSpec(), self));
        for (OptionSpec option : self.getParseResult().matchedOptions()) {
            String name = option.longestName();
            if (name.equals("--config") || line.getCommandSpec().findOption(name) == null) {
                continue;
            }
            if (option.arity().max() == 0) {
                args.add(name);
            } else {
                for (String value : option.originalStringValues()) {
                    args.add(name + "=" + value);
                }
            }
        }
        try {
            line.parseArgs(args.toArray(String[]::new));
        } catch (ParameterException e) {
            throw new ParameterException(self, e.getMessage() + " (in " + config + " or on the command line)", e,
                    e.getArgSpec(), e.getValue());
        }
        merged.run();
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

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS) && latch.getCount() > 0) {
                System.err.println("cattle: replica did not stop within " + SHUTDOWN_WAIT_SECONDS
                        + " s; exiting anyway (the store resumes from its last checkpoint)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits, however long, for SIGTERM (the shutdown hook counts the latch down). */
    private static void awaitStop(CountDownLatch stopped) {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String describe(ReplayStats stats) {
        return (stats.lastPosition() == null ? "no position yet" : "position " + stats.lastPosition())
                + " (" + stats.recordsApplied() + " records, " + stats.opsApplied() + " ops this run)";
    }
}
