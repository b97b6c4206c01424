package org.ethercattle.core.status;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Supplier;
import org.ethercattle.api.BulkLoadable;
import org.ethercattle.api.Database;
import org.ethercattle.api.VerifyReport;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.log.Position;
import org.ethercattle.api.replay.ChainHeads;
import org.ethercattle.core.replay.Checkpoint;
import org.ethercattle.core.replay.ProducerProgress;
import org.ethercattle.core.replay.ReplayStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Judges a replica's readiness and assembles its status from the replayer's committed stats, the log's end
 * and the store.
 *
 * <ul>
 *   <li><b>Rules</b>, in order: {@link Readiness#STORE_DAMAGED} once {@link #storeDamaged} was told of
 *       damage (until the process restarts); {@link Readiness#FAILED} once replay stopped on an error;
 *       {@link Readiness#SYNCING} until everything up to the log end seen when this monitor was created is
 *       applied (then never again); {@link Readiness#LAGGING} when more than
 *       {@link ReadinessPolicy#maxLagRecords()} entries wait; {@link Readiness#STALE} when the newest applied
 *       record (heartbeats included) is older than {@link ReadinessPolicy#maxAge()}, or none is known;
 *       {@link Readiness#SETTLING} while the store (when {@link BulkLoadable}) still does upkeep its
 *       bulk-load mode deferred, unless {@link ReadinessPolicy#waitsForStoreUpkeep()} is off; else
 *       {@link Readiness#READY}.</li>
 *   <li><b>The log's end</b> is read through {@code probe}, a consumer of the same stream that this monitor
 *       uses alone (consumers are not thread-safe, and the replayer's is busy polling), once when created
 *       and then on every {@link #sample()}. Lag is counted against the end last sampled.</li>
 *   <li><b>Clocks.</b> Ages compare the master's record times with this host's clock: keep both on NTP.</li>
 *   <li><b>Threads.</b> Every method may be called from any thread.</li>
 * </ul>
 *
 * <p>The monitor owns nothing: the caller closes the store, the probe and the replayer.
 */
public final class ReplicaMonitor {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicaMonitor.class);

    private final Database store;
    private final LogConsumer probe;
    private final Supplier<ReplayStats> stats;
    private final ReadinessPolicy policy;
    private final ChainHeads heads;
    private final Clock clock;
    private final String streamId;
    private final Position initialEnd;
    private final ApplyRate rate;

    private volatile boolean caughtUp;
    /** The first damage a check of the store found while the replica runs; null while none was found. */
    private volatile VerifyReport.Finding damage;
    /** Guarded by this: the probe and what was last read through it. */
    private Position logEnd;
    private Position logStart;
    private boolean probeFailing;

    /**
     * A monitor of the replica replaying into {@code store}, whose committed progress {@code stats} returns
     * (e.g. {@code replayer::stats}). Reads the log's end now: that is the end the replica must reach before
     * it can be ready.
     *
     * @param probe    a consumer of the replayed stream for this monitor's exclusive use (it is never polled)
     * @param heads    the head markers {@code /status} shows and numbers ({@link ChainHeads#none()} for data
     *                 that is not a chain)
     * @throws org.ethercattle.api.log.LogException when the log's end cannot be read
     */
    public ReplicaMonitor(Database store, LogConsumer probe, Supplier<ReplayStats> stats, ReadinessPolicy policy,
            ChainHeads heads, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.probe = Objects.requireNonNull(probe, "probe");
        this.stats = Objects.requireNonNull(stats, "stats");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.heads = Objects.requireNonNull(heads, "heads");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.streamId = probe.streamId();
        this.initialEnd = probe.endPosition().orElse(null);
        this.logEnd = initialEnd;
        this.logStart = initialEnd == null ? null : probe.startPosition().orElse(null);
        this.rate = new ApplyRate(Duration.ofSeconds(10));
        sample();
    }

    /** The log end seen when the monitor was created, or empty when the log was empty. */
    public Optional<Position> initialLogEnd() {
        return Optional.ofNullable(initialEnd);
    }

    /**
     * Log entries still to apply before this replica has reached the log end seen at its start: 0 once it
     * has, {@code null} when the log cannot count entries. Drives the catch-up progress display.
     */
    public Long entriesToInitialEnd() {
        Position position = stats.get().lastPosition();
        synchronized (this) {
            return lagRecords(position, initialEnd);
        }
    }

    /** The readiness limits in force. */
    public ReadinessPolicy policy() {
        return policy;
    }

    /**
     * Reads the log's end again and adds a sample to the apply-rate window. Call it regularly (the replica
     * service does, once a second). A failure to read the log is logged once per streak and keeps the
     * previous end; the age rule then turns the replica stale if the failure lasts.
     */
    public void sample() {
        ReplayStats s = stats.get();
        rate.record(System.nanoTime(), s.recordsApplied(), s.opsApplied(), s.bytesApplied());
        synchronized (this) {
            try {
                Optional<Position> end = probe.endPosition();
                logEnd = end.orElse(null);
                if (end.isPresent() && (logStart == null || s.lastPosition() == null)) {
                    logStart = probe.startPosition().orElse(null);
                }
                if (probeFailing) {
                    LOG.info("reading the end of stream {} works again", streamId);
                    probeFailing = false;
                }
            } catch (RuntimeException e) {
                if (!probeFailing) {
                    LOG.warn("cannot read the end of stream {} (lag is judged on the last end seen, {}): {}",
                            streamId, logEnd, e.getMessage());
                    probeFailing = true;
                }
            }
        }
    }

    /**
     * Records that a check of the store found {@code finding} (a {@link VerifyReport.Kind#DAMAGE} finding):
     * readiness is {@link Readiness#STORE_DAMAGED} from now on, naming it. Only the first is kept; there is
     * no way back but a restart on a repaired store.
     */
    public void storeDamaged(VerifyReport.Finding finding) {
        Objects.requireNonNull(finding, "finding");
        synchronized (this) {
            if (damage == null) {
                damage = finding;
            }
        }
    }

    /** The readiness verdict now, with the lag it was judged on; cheap (no store reads). */
    public ReadinessReport readiness() {
        ReplayStats s = stats.get();
        long now = clock.millis();
        Position position = s.lastPosition();
        Position end;
        Long lag;
        synchronized (this) {
            end = logEnd;
            lag = lagRecords(position, end);
        }
        long newest = s.lastRecordTimeMillis();
        Double lagSeconds = newest < 0 ? null : Math.max(0, now - newest) / 1000.0;
        Readiness readiness = judge(s, position, lag, newest, now);
        return new ReadinessReport(readiness, detail(readiness, s, position, lag, newest, now), position, end, lag,
                lagSeconds, newest);
    }

    /** The full status: readiness, counters, rates, producers (from the stored checkpoint) and head values. */
    public ReplicaStatus status() {
        ReadinessReport readiness = readiness();
        ReplayStats s = stats.get();
        List<ProducerStatus> producers = new ArrayList<>();
        for (Map.Entry<UUID, ProducerProgress> p : Checkpoint.read(store, streamId)
                .map(Checkpoint::producers).orElse(Map.of()).entrySet()) {
            producers.add(new ProducerStatus(p.getKey(), p.getValue().lastSequence(), p.getValue().lastTimeMillis()));
        }
        List<HeadStatus> headValues = new ArrayList<>();
        for (byte[] key : heads.keys()) {
            byte[] value = store.get(key);
            headValues.add(new HeadStatus(key, value, value == null ? null : heads.blockNumber(store, value)));
        }
        return new ReplicaStatus(streamId, readiness, initialEnd, s.recordsApplied(), s.opsApplied(),
                s.bytesApplied(), rate.rates(), rate.window().toMillis(), policy, producers, headValues);
    }

    private Readiness judge(ReplayStats s, Position position, Long lag, long newest, long now) {
        if (damage != null) {
            return Readiness.STORE_DAMAGED;
        }
        if (s.failed()) {
            return Readiness.FAILED;
        }
        if (!caughtUp(position)) {
            return Readiness.SYNCING;
        }
        if (lag != null && lag > policy.maxLagRecords()) {
            return Readiness.LAGGING;
        }
        if (policy.judgesAge() && (newest < 0 || now - newest > policy.maxAge().toMillis())) {
            return Readiness.STALE;
        }
        if (policy.waitsForStoreUpkeep() && store instanceof BulkLoadable bulk && bulk.deferredUpkeepPending()) {
            return Readiness.SETTLING;
        }
        return Readiness.READY;
    }

    private String detail(Readiness readiness, ReplayStats s, Position position, Long lag, long newest, long now) {
        return switch (readiness) {
            case STORE_DAMAGED -> "the store is damaged: " + damage.where() + " ("
                    + damage.detail().replaceAll("\\s*[\\r\\n]+\\s*", " ") + "); restore it from a snapshot of a"
                    + " healthy replica or re-seed it, then restart";
            case FAILED -> "replay stopped: " + s.failure().getMessage();
            case SYNCING -> "catching up with the log end seen at start, " + initialEnd + " (at "
                    + (position == null ? "the log's start" : position) + (lag == null ? "" : ", " + lag
                    + " entries behind") + ")";
            case LAGGING -> lag + " entries behind the log end, more than the limit of " + policy.maxLagRecords();
            case STALE -> newest < 0
                    ? "no record with a time applied yet; is a master writing heartbeats?"
                    : "newest record is " + Duration.ofMillis(now - newest).toSeconds() + " s old, older than the"
                            + " limit of " + policy.maxAge().toSeconds() + " s: no master is writing (heartbeats"
                            + " included), or this replica cannot read the log";
            case SETTLING -> "caught up, but the store is still merging what it deferred during the catch-up"
                    + " (bulk-load mode); reads would be slow until it is done";
            case READY -> "caught up" + (lag == null ? "" : ", " + lag + " entries behind");
        };
    }

    private boolean caughtUp(Position position) {
        if (!caughtUp && (initialEnd == null || (position != null && position.compareTo(initialEnd) >= 0))) {
            caughtUp = true;
        }
        return caughtUp;
    }

    /** Guarded by this. */
    private Long lagRecords(Position position, Position end) {
        if (end == null) {
            return 0L;
        }
        if (position != null && position.compareTo(end) >= 0) {
            return 0L;
        }
        try {
            if (position == null) {
                if (logStart == null) {
                    return null;
                }
                OptionalLong between = probe.entriesBetween(logStart, end);
                return between.isPresent() ? between.getAsLong() + 1 : null;
            }
            OptionalLong between = probe.entriesBetween(position, end);
            return between.isPresent() ? Math.max(0, between.getAsLong()) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
