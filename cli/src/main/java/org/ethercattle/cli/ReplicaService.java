package org.ethercattle.cli;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.ethercattle.api.Database;
import org.ethercattle.api.Logs;
import org.ethercattle.api.StoreException;
import org.ethercattle.api.Stores;
import org.ethercattle.api.VerifyReport;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.log.LogException;
import org.ethercattle.api.record.Codec;
import org.ethercattle.api.replay.ChainHeads;
import org.ethercattle.api.replay.HeadGuard;
import org.ethercattle.api.spi.Spec;
import org.ethercattle.core.replay.ReplayStats;
import org.ethercattle.core.replay.Replayer;
import org.ethercattle.core.status.ReadinessPolicy;
import org.ethercattle.core.status.ReplicaMonitor;
import org.ethercattle.core.verify.StoreVerification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running replica: its store, the log consumer replay polls, a second consumer (the probe) that reads
 * the log's end for the lag, the {@link Replayer}, the {@link ReplicaMonitor}, metrics and, when asked for,
 * the HTTP endpoints. {@code cattle replica} runs one; tests run several in one JVM.
 *
 * <p>Opening order matters for "nothing written on a bad start": the store spec's scheme is checked, then the
 * log is opened and its end read, so a bad log spec or an unreachable broker fails before the store is
 * created or opened.
 *
 * <p>{@link #catchUp()} and {@link #follow()} run on the caller's thread (the replay thread); {@link #stop()},
 * {@link #monitor()} and {@link #stats()} may be called from any thread. {@link #close()} stops the HTTP
 * server, the scrub (a pass in progress is waited for by the store's close) and the ticker, commits what replay has pending (with its checkpoint), and closes the consumers and
 * the store, in that order.
 */
final class ReplicaService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicaService.class);
    private static final long RETRY_MILLIS = 1000;

    /**
     * What a replica needs.
     *
     * @param http where to serve HTTP, or {@code null} for no HTTP
     * @param maxBatchBytes the replayer's group-commit size, or {@code null} for its default
     * @param heads the head markers {@code /status} shows ({@link ChainHeads#none()} when the data is not a chain)
     * @param etherCattle where to start and what to write for the original Ether Cattle's offset key, or
     *                    {@code null} when the stream is not in that format
     * @param readAheadBytes the replayer's read-ahead ({@code Replayer.Builder#readAheadBytes}), or
     *                       {@code null} for its default (off)
     * @param seededAt the log offset a store without a checkpoint already holds everything up to
     *                 ({@code Replayer.Builder#seededAt}), or {@code null} when it holds nothing of the stream
     * @param scrubEvery how often to check the store in the background ({@link StoreScrub}), or {@code null}
     *                   for never
     */
    record Settings(String storeSpec, String logSpec, Codec codec, Long maxBatchBytes, HeadGuard guard,
            ChainHeads heads, ReadinessPolicy policy, InetSocketAddress http, EtherCattleStart etherCattle,
            Long readAheadBytes, Long seededAt, Duration scrubEvery) {

        /** Settings without Ether Cattle offset-key handling (any codec) and with the default read-ahead. */
        Settings(String storeSpec, String logSpec, Codec codec, Long maxBatchBytes, HeadGuard guard,
                ChainHeads heads, ReadinessPolicy policy, InetSocketAddress http) {
            this(storeSpec, logSpec, codec, maxBatchBytes, guard, heads, policy, http, null, null, null, null);
        }

        /** These settings with a background scrub every {@code every} ({@code null}: none). */
        Settings withScrubEvery(Duration every) {
            return new Settings(storeSpec, logSpec, codec, maxBatchBytes, guard, heads, policy, http, etherCattle,
                    readAheadBytes, seededAt, every);
        }

        Settings {
            Objects.requireNonNull(storeSpec, "storeSpec");
            Objects.requireNonNull(logSpec, "logSpec");
            Objects.requireNonNull(codec, "codec");
            Objects.requireNonNull(guard, "guard");
            Objects.requireNonNull(heads, "heads");
            Objects.requireNonNull(policy, "policy");
        }
    }

    private final LogConsumer log;
    private final LogConsumer probe;
    private final Database store;
    private final Replayer replayer;
    private final ReplicaMonitor monitor;
    private final ScheduledExecutorService ticker;
    private final ReplicaHttp http;
    private final ReplicaMetrics metrics;
    private final RunningMarker marker;
    private final StoreScrub scrub;
    private volatile CatchUpProgress progress;
    private volatile boolean stopRequested;

    private ReplicaService(LogConsumer log, LogConsumer probe, Database store, Replayer replayer,
            ReplicaMonitor monitor, ReplicaHttp http, ReplicaMetrics metrics, RunningMarker marker, StoreScrub scrub) {
        this.metrics = metrics;
        this.scrub = scrub;
        this.marker = marker;
        this.log = log;
        this.probe = probe;
        this.store = store;
        this.replayer = replayer;
        this.monitor = monitor;
        this.http = http;
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cattle-replica-ticker");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    /** Opens everything and, if asked for, starts serving HTTP (readiness is "syncing" until caught up). */
    static ReplicaService open(Settings s) {
        // A store spec naming no provider fails here, before the log is touched; the spec is parsed again on open.
        Stores.provider(Spec.parse(s.storeSpec()).scheme());
        AutoCloseableStack opened = new AutoCloseableStack();
        RunningMarker marker = null;
        boolean created = false;
        try {
            LogConsumer log = opened.push(Logs.openConsumer(s.logSpec()));
            LogConsumer probe = opened.push(Logs.openConsumer(s.logSpec()));
            probe.endPosition(); // reaches the broker now, before the store is touched
            ReplicaMetrics metrics = new ReplicaMetrics(log.streamId());
            TimedCommitsDatabase store = opened.push(
                    new TimedCommitsDatabase(Stores.open(s.storeSpec()), metrics.commitTimer()));
            marker = RunningMarker.of(s.storeSpec());
            if (marker.present()) {
                verifyAfterUncleanStop(store, s.storeSpec(), marker, metrics);
            }
            marker.create();
            created = true;
            Replayer.Builder builder = Replayer.builder(store, log).codec(s.codec()).headGuard(s.guard());
            if (s.maxBatchBytes() != null) {
                builder.maxBatchBytes(s.maxBatchBytes());
            }
            if (s.readAheadBytes() != null) {
                builder.readAheadBytes(s.readAheadBytes());
            }
            if (s.etherCattle() != null) {
                s.etherCattle().configure(builder, log.streamId());
            }
            if (s.seededAt() != null) {
                builder.seededAt(s.seededAt());
            }
            Replayer replayer = opened.push(builder.build());
            ReplicaMonitor monitor = new ReplicaMonitor(store, probe, replayer::stats, s.policy(), s.heads(),
                    Clock.systemUTC());
            metrics.bind(monitor, replayer::stats);
            metrics.bindStore(store);
            ReplicaHttp http = s.http() == null ? null
                    : opened.push(new ReplicaHttp(s.http(), monitor, replayer::stats, metrics));
            StoreScrub scrub = s.scrubEvery() == null ? null : opened.push(StoreScrub.start(store,
                    Spec.parse(s.storeSpec()).toString(), monitor, metrics, s.scrubEvery()));
            return new ReplicaService(log, probe, store, replayer, monitor, http, metrics, marker, scrub);
        } catch (RuntimeException e) {
            opened.closeAll(e);
            if (created) {
                try {
                    marker.remove(); // the store was clean or verified, and is closed again
                } catch (RuntimeException removal) {
                    e.addSuppressed(removal);
                }
            }
            throw e;
        }
    }

    /**
     * The last replica on the store did not stop cleanly ({@link RunningMarker}): checks the store
     * ({@link StoreVerification}) before replay resumes on it, and refuses a damaged one, naming the damage
     * and the fix. Deleting the marker file skips the check.
     */
    private static void verifyAfterUncleanStop(Database store, String storeSpec, RunningMarker marker,
            ReplicaMetrics metrics) {
        String name = Spec.parse(storeSpec).toString();
        LOG.warn("{} holds {}: the last replica on it did not stop cleanly; verifying the store before replay"
                + " (delete that file to skip this)", name, marker.file().orElseThrow());
        long started = System.nanoTime();
        VerifyReport report = StoreVerification.of(store);
        metrics.startVerified(System.nanoTime() - started);
        report.findings().forEach(f -> LOG.info("verify: {}", f));
        if (!report.ok()) {
            VerifyReport.Finding first = report.damage().get(0);
            throw new StoreException("store " + name + " is damaged after an unclean stop: " + first.where() + " ("
                    + first.detail().replaceAll("\\s*[\\r\\n]+\\s*", " ") + "); restore it from a snapshot of a"
                    + " healthy replica, or re-seed the replica (a fresh store replays the log)");
        }
    }

    String streamId() {
        return log.streamId();
    }

    Replayer replayer() {
        return replayer;
    }

    ReplicaMonitor monitor() {
        return monitor;
    }

    ReplayStats stats() {
        return replayer.stats();
    }

    /** The replica's metrics, for what starts beside replay and exports its own (the RPC upstream counters). */
    ReplicaMetrics metrics() {
        return metrics;
    }

    /** The store replay writes into, for readers beside replay (the Ethereum RPC endpoint). */
    Database store() {
        return store;
    }

    /** The HTTP endpoint, when {@code --http} serves one. */
    Optional<ReplicaHttp> http() {
        return Optional.ofNullable(http);
    }

    /** Where HTTP is served, when it is. */
    Optional<InetSocketAddress> httpAddress() {
        return Optional.ofNullable(http).map(ReplicaHttp::address);
    }

    /**
     * Replays until everything up to the log end seen now is applied and committed (see
     * {@link Replayer#catchUp()}), retrying retriable log errors every second, or until {@link #stop()}.
     * Shows {@code progress} meanwhile when given. Returns the records applied.
     */
    long catchUp(CatchUpProgress progress) {
        this.progress = progress;
        try {
            long applied = 0;
            boolean retrying = false;
            while (true) {
                try {
                    return applied + replayer.catchUp();
                } catch (LogException e) {
                    if (!e.isRetriable() || replayer.stats().failed() || stopRequested) {
                        throw e;
                    }
                    if (!retrying) {
                        LOG.warn("reading stream {} failed while catching up, retrying every second: {}",
                                log.streamId(), e.getMessage());
                        retrying = true;
                    }
                    sleep(RETRY_MILLIS);
                }
            }
        } finally {
            synchronized (this) {
                this.progress = null;
                if (progress != null) {
                    progress.finish();
                }
            }
        }
    }

    /** Follows the log until {@link #stop()} (then commits and returns) or a fatal error (thrown). */
    void follow() {
        replayer.run();
    }

    /** Asks replay to commit the batch in hand and return. Any thread; sticky. */
    void stop() {
        stopRequested = true;
        replayer.stop();
    }

    private void tick() {
        try {
            monitor.sample();
            synchronized (this) {
                if (progress != null) {
                    progress.tick();
                }
            }
        } catch (RuntimeException e) {
            LOG.debug("status sample failed", e); // the next tick tries again
        }
    }

    @Override
    public void close() {
        stop();
        AutoCloseableStack stack = new AutoCloseableStack();
        stack.push(store);
        stack.push(log);
        stack.push(probe);
        stack.push(replayer);
        stack.push(ticker::shutdownNow);
        if (scrub != null) {
            stack.push(scrub);
        }
        if (http != null) {
            stack.push(http);
        }
        stack.closeAll(null);
        marker.remove(); // only after a clean close: a failed one leaves it, so the next start verifies
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry the log", e);
        }
    }

    /** Closes what was opened, newest first; the first failure is thrown with the others suppressed. */
    private static final class AutoCloseableStack {
        private final ArrayDeque<AutoCloseable> items = new ArrayDeque<>();

        <T extends AutoCloseable> T push(T item) {
            items.push(item);
            return item;
        }

        void closeAll(RuntimeException primary) {
            RuntimeException first = null;
            while (!items.isEmpty()) {
                try {
                    items.pop().close();
                } catch (Exception e) {
                    if (primary != null) {
                        primary.addSuppressed(e);
                    } else if (first == null) {
                        first = e instanceof RuntimeException re ? re : new IllegalStateException(e);
                    } else {
                        first.addSuppressed(e);
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        }
    }
}
