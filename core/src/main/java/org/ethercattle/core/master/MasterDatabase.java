package org.ethercattle.core.master;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.ethercattle.api.StoreClosedException;
import org.ethercattle.core.ForwardingDatabase;
import org.ethercattle.core.capture.CapturingDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A master's database, made by {@link Master#wrap}: a {@link CapturingDatabase} (every write goes to the
 * log first, then the store; see its contract) plus heartbeats on a background thread and an orderly
 * shutdown.
 *
 * <ul>
 *   <li><b>Heartbeats</b> are appended every interval from a daemon thread. If one fails, the capturing
 *       database is fail-stopped (every later write throws); the failure is logged once and heartbeats
 *       stop, so replicas turn stale.</li>
 *   <li><b>Close</b> stops the heartbeats, then flushes every pending append, closes the producer and the
 *       store. Idempotent. If the flush failed, everything is still released and the failure is thrown.</li>
 *   <li>Thread-safe like {@link CapturingDatabase}.</li>
 * </ul>
 */
public final class MasterDatabase extends ForwardingDatabase {

    private static final Logger LOG = LoggerFactory.getLogger(MasterDatabase.class);

    private final CapturingDatabase capture;
    private final ScheduledExecutorService heartbeats;
    private final Thread shutdownHook;
    private final AtomicBoolean closed = new AtomicBoolean();

    MasterDatabase(Master.Builder b) {
        this(b, new CapturingDatabase(b.store, b.producer, b.codec));
    }

    private MasterDatabase(Master.Builder b, CapturingDatabase capture) {
        super(capture);
        this.capture = capture;
        Duration every = b.heartbeat;
        if (every.isZero()) {
            heartbeats = null;
        } else {
            heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "cattle-master-heartbeat");
                t.setDaemon(true);
                return t;
            });
            long nanos = every.toNanos();
            heartbeats.scheduleAtFixedRate(this::heartbeatQuietly, 0, nanos, TimeUnit.NANOSECONDS);
        }
        if (b.closeOnJvmShutdown) {
            shutdownHook = new Thread(this::closeFromHook, "cattle-master-shutdown");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        } else {
            shutdownHook = null;
        }
    }

    /** The id this master's records carry; a new one per start. */
    public UUID producerId() {
        return capture.producerId();
    }

    /** Appends a heartbeat now, in addition to the scheduled ones. See {@link CapturingDatabase#heartbeat()}. */
    public void heartbeat() {
        capture.heartbeat();
    }

    /** Waits until every record appended so far is acknowledged. See {@link CapturingDatabase#flush()}. */
    public void flush() {
        capture.flush();
    }

    /** Stops heartbeats, flushes the log, closes the producer and the store. Idempotent. */
    @Override
    public void close() {
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or about to: it closes too, and closing is idempotent
            }
        }
        closeNow();
    }

    private void closeFromHook() {
        closeNow();
    }

    private void closeNow() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (heartbeats != null) {
            heartbeats.shutdownNow();
            try {
                // A heartbeat in progress finishes before the flush, so it is not lost or left half-sent.
                heartbeats.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        capture.close();
    }

    private void heartbeatQuietly() {
        if (closed.get()) {
            return;
        }
        try {
            capture.heartbeat();
        } catch (StoreClosedException e) {
            // closed concurrently: nothing to report
        } catch (RuntimeException e) {
            LOG.error("master {} stopped sending heartbeats: {}", capture.producerId(), e.getMessage());
            // Throwing from the task cancels later runs: replicas will see this master as silent.
            throw e;
        }
    }
}
