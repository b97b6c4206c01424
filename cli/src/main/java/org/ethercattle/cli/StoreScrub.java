package org.ethercattle.cli;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.ethercattle.api.Database;
import org.ethercattle.api.StoreClosedException;
import org.ethercattle.api.VerifyReport;
import org.ethercattle.core.status.ReplicaMonitor;
import org.ethercattle.core.verify.StoreVerification;
import org.ethercattle.ethereum.rpc.ThreadNiceness;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background scrub of a running replica ({@code cattle replica --scrub-every}): the check
 * {@code cattle verify} runs ({@link StoreVerification}) on the replica's open store, first one interval after
 * the start, then one interval after each pass ends, on one daemon thread ({@code cattle-scrub}) at the lowest
 * CPU priority (nice 19, as the RPC threads). A pass that finds damage turns the replica's readiness to
 * {@code store-damaged} naming the file ({@link ReplicaMonitor#storeDamaged}) and logs an error with the fix;
 * scrubbing then stops, since nothing changes until a restart.
 *
 * <p>Running beside replay is safe for each store Cattle ships: RocksDB's checksum pass holds a reference to
 * the table files live when it started, so a compaction does not delete them under it; LevelDB's pass is one
 * iterator over an implicit snapshot; LMDB's is one read transaction (while it runs, LMDB cannot reuse the
 * pages replay frees, and a growth of the memory map waits for it to end). The only throttle is the interval
 * and the low priority: the pass reads the whole store as fast as the disk gives it (rocksdbjni 10.2 offers
 * {@code verifyChecksum()} without read options, so no byte rate can be set).
 *
 * <p>Thread-safe. {@link #close()} stops the schedule; a pass in progress ends on its own (the store's close
 * waits for it).
 */
final class StoreScrub implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StoreScrub.class);
    /** The nice value of the scrub thread: lowest, like the RPC threads of a replica. */
    static final int NICENESS = 19;

    private final Database store;
    private final String name;
    private final ReplicaMonitor monitor;
    private final ReplicaMetrics metrics;
    private final ScheduledExecutorService thread;
    private final AtomicBoolean niced = new AtomicBoolean();

    private StoreScrub(Database store, String name, ReplicaMonitor monitor, ReplicaMetrics metrics, Duration every) {
        this.store = store;
        this.name = name;
        this.monitor = monitor;
        this.metrics = metrics;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cattle-scrub");
            t.setDaemon(true);
            return t;
        });
        long millis = every.toMillis();
        thread.scheduleWithFixedDelay(this::pass, millis, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts scrubbing {@code store} (named {@code name} in logs) every {@code every}.
     *
     * @throws IllegalArgumentException when {@code every} is not positive
     */
    static StoreScrub start(Database store, String name, ReplicaMonitor monitor, ReplicaMetrics metrics,
            Duration every) {
        Objects.requireNonNull(every, "every");
        if (every.isZero() || every.isNegative()) {
            throw new IllegalArgumentException("--scrub-every must be positive, got " + every);
        }
        LOG.info("scrubbing {} every {} at low priority", name, every);
        return new StoreScrub(Objects.requireNonNull(store, "store"), name, monitor, metrics, every);
    }

    private void pass() {
        if (niced.compareAndSet(false, true)) {
            ThreadNiceness.lowerCurrentThread(NICENESS, "the store scrub thread's",
                    "scrub less often (--scrub-every)");
        }
        long started = System.nanoTime();
        VerifyReport report;
        try {
            report = StoreVerification.of(store);
        } catch (StoreClosedException e) {
            thread.shutdown(); // the replica is closing
            return;
        } catch (RuntimeException e) {
            // the pass could not run (not damage): try again next interval
            LOG.warn("scrubbing {} could not run, trying again in the next interval: {}", name, e.getMessage());
            return;
        }
        boolean damaged = !report.ok();
        metrics.scrubbed(System.nanoTime() - started, System.currentTimeMillis(), damaged);
        if (!damaged) {
            LOG.debug("scrub of {}: {}", name, report.findings());
            return;
        }
        VerifyReport.Finding first = report.damage().get(0);
        monitor.storeDamaged(first);
        for (VerifyReport.Finding f : report.damage()) {
            LOG.error("scrub: store {} is damaged: {} ({}); this replica now answers /readyz with 503"
                    + " (store-damaged). Restore the store from a snapshot of a healthy replica, or re-seed it (a"
                    + " fresh store replays the log), then restart", name, f.where(),
                    f.detail().replaceAll("\\s*[\\r\\n]+\\s*", " "));
        }
        thread.shutdown();
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
