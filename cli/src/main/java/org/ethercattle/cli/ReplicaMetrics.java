package org.ethercattle.cli;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.ethercattle.ethereum.upstream.UpstreamCounters;
import java.util.function.Supplier;
import org.ethercattle.api.StoreGauges;
import org.ethercattle.core.replay.ReplayStats;
import org.ethercattle.core.status.Readiness;
import org.ethercattle.core.status.ReplicaMonitor;

/**
 * The replica's Prometheus metrics, tagged {@code stream=<stream id>}:
 * <ul>
 *   <li>{@code cattle_replica_lag_records}, {@code cattle_replica_lag_seconds} (gauges; NaN when unknown)</li>
 *   <li>{@code cattle_replica_ready} (1 or 0) and {@code cattle_replica_readiness{reason=...}} (1 for the
 *       current reason, 0 for the others)</li>
 *   <li>{@code cattle_replica_records_applied_total}, {@code cattle_replica_ops_applied_total},
 *       {@code cattle_replica_bytes_applied_total} (counters, since the process started)</li>
 *   <li>{@code cattle_replica_batch_commit_seconds} (timer: count, sum, max of group-commit writes)</li>
 *   <li>{@code cattle_replica_start_verify_seconds}: how long this start spent verifying the store because
 *       the last replica on it did not stop cleanly ({@link RunningMarker}); NaN when it did not verify</li>
 *   <li>{@code cattle_replica_scrub_last_finished_seconds} (Unix time the last background scrub pass ended,
 *       {@link StoreScrub}; NaN before the first), {@code cattle_replica_scrub_duration_seconds} (how long it
 *       took; NaN before the first) and {@code cattle_replica_scrub_damage} (1 once a pass found damage, else 0)</li>
 *   <li>{@code cattle_store_<gauge>}: each of the store's own gauges when it offers them
 *       ({@link StoreGauges}; RocksDB's level-0 files, bulk-load state, pending compaction, write stalls,
 *       ...), dots in the gauge's name as underscores; NaN when unreadable</li>
 * </ul>
 * Thread-safe.
 */
final class ReplicaMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    /** Held so that the weakly bound upstream counters stay reachable. */
    private UpstreamCounters upstream;
    /** Held so that the weakly bound head block gauges stay reachable. */
    private HeadBlockCheck headBlock;
    private final Timer commits;
    /**
     * Micrometer holds the objects its meters read only weakly: these strong references keep them alive as
     * long as the registry (without them, a garbage collection turns the counters into NaN).
     */
    private ReplicaMonitor monitor;
    private Supplier<ReplayStats> stats;
    private StoreGauges store;
    /** Nanoseconds the start-up verification took, -1 when none ran. */
    private final java.util.concurrent.atomic.AtomicLong startVerifyNanos = new java.util.concurrent.atomic.AtomicLong(-1);

    /** The last scrub pass: Unix millis it ended (-1 before any), nanoseconds it took, whether it found damage. */
    private final java.util.concurrent.atomic.AtomicLong scrubFinishedMillis = new java.util.concurrent.atomic.AtomicLong(-1);
    private final java.util.concurrent.atomic.AtomicLong scrubNanos = new java.util.concurrent.atomic.AtomicLong(-1);
    private final java.util.concurrent.atomic.AtomicBoolean scrubDamage = new java.util.concurrent.atomic.AtomicBoolean();

    ReplicaMetrics(String streamId) {
        registry.config().commonTags(Tags.of("stream", streamId));
        Gauge.builder("cattle.replica.scrub.last.finished.seconds", scrubFinishedMillis,
                        m -> m.get() < 0 ? Double.NaN : m.get() / 1e3)
                .description("Unix time the last background scrub pass of the store ended; NaN before the first")
                .register(registry);
        Gauge.builder("cattle.replica.scrub.duration.seconds", scrubNanos, n -> n.get() < 0 ? Double.NaN : n.get() / 1e9)
                .description("how long the last background scrub pass of the store took; NaN before the first")
                .register(registry);
        Gauge.builder("cattle.replica.scrub.damage", scrubDamage, d -> d.get() ? 1 : 0)
                .description("1 once a background scrub pass found damage in the store, else 0").register(registry);
        Gauge.builder("cattle.replica.start.verify.seconds", startVerifyNanos,
                        n -> n.get() < 0 ? Double.NaN : n.get() / 1e9)
                .description("time this start spent verifying the store after an unclean stop; NaN when it did not")
                .register(registry);
        commits = Timer.builder("cattle.replica.batch.commit")
                .description("time to write one replay batch (data and checkpoint) to the store")
                .register(registry);
    }

    /** The timer the store's batch writes are recorded in. */
    Timer commitTimer() {
        return commits;
    }

    /** Registers the gauges and counters that read {@code monitor} and {@code stats} at each scrape. */
    void bind(ReplicaMonitor monitor, Supplier<ReplayStats> stats) {
        this.monitor = monitor;
        this.stats = stats;
        Gauge.builder("cattle.replica.lag.records", monitor, m -> orNaN(m.readiness().lagRecords()))
                .description("log entries waiting to be applied").register(registry);
        Gauge.builder("cattle.replica.lag.seconds", monitor, m -> orNaN(m.readiness().lagSeconds()))
                .description("age of the newest applied record, heartbeats included").register(registry);
        Gauge.builder("cattle.replica.ready", monitor, m -> m.readiness().isReady() ? 1 : 0)
                .description("1 when /readyz answers 200").register(registry);
        for (Readiness r : Readiness.values()) {
            Gauge.builder("cattle.replica.readiness", monitor, m -> m.readiness().readiness() == r ? 1 : 0)
                    .tag("reason", r.reason())
                    .description("1 for the current readiness reason").register(registry);
        }
        FunctionCounter.builder("cattle.replica.records.applied", stats, s -> s.get().recordsApplied())
                .description("records applied (heartbeats and duplicates not counted)").register(registry);
        FunctionCounter.builder("cattle.replica.ops.applied", stats, s -> s.get().opsApplied())
                .description("puts and deletes applied").register(registry);
        FunctionCounter.builder("cattle.replica.bytes.applied", stats, s -> s.get().bytesApplied())
                .description("key plus value bytes applied").register(registry);
    }

    /** Records that the start verified the store, in {@code nanos}. */
    void startVerified(long nanos) {
        startVerifyNanos.set(nanos);
    }

    /** Records a finished scrub pass that took {@code nanos} and ended at {@code finishedMillis} (Unix time). */
    void scrubbed(long nanos, long finishedMillis, boolean damaged) {
        scrubNanos.set(nanos);
        if (damaged) {
            scrubDamage.set(true);
        }
        scrubFinishedMillis.set(finishedMillis);
    }

    /** Registers a gauge {@code cattle.store.<name>} for each of {@code store}'s gauges (none when it offers none). */
    void bindStore(StoreGauges store) {
        this.store = store;
        for (String name : store.gaugeNames()) {
            Gauge.builder("cattle.store." + name, store, s -> s.gauge(name))
                    .description("the store's gauge " + name).register(registry);
        }
    }

    /**
     * Registers the {@code --rpc-upstream} counters, keeping them reachable as long as this registry (Micrometer
     * holds them only weakly).
     */
    void bindUpstream(UpstreamCounters counters) {
        this.upstream = counters;
        UpstreamMetrics.bind(registry, counters);
    }

    /** Registers the head block's number and age ({@code cattle.eth.head.block.*}), for a replica of a geth chain. */
    void bindHeadBlock(HeadBlockCheck check) {
        this.headBlock = check;
        Gauge.builder("cattle.eth.head.block.number", check, HeadBlockCheck::number)
                .description("number of the block the LastBlock marker names").register(registry);
        Gauge.builder("cattle.eth.head.block.age.seconds", check, HeadBlockCheck::ageSeconds)
                .description("age of the head block (now minus its timestamp)").register(registry);
    }

    /** The Prometheus text exposition of every metric. */
    String scrape() {
        return registry.scrape();
    }

    private static double orNaN(Number n) {
        return n == null ? Double.NaN : n.doubleValue();
    }
}
