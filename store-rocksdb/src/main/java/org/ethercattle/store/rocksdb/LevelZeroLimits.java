package org.ethercattle.store.rocksdb;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.rocksdb.MutableColumnFamilyOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The level-0 write-stall limits of one open store, which bulk-load mode raises
 * ({@link org.ethercattle.api.BulkLoadable}).
 *
 * <p>Why: a replica catching up on a long backlog writes far faster than two cores can compact, so level 0
 * fills with flushed memtables; at 20 files RocksDB starts throttling the writer, at 36 it stops it. Every
 * stall of a day-long catch-up was this one ({@code docs/benchmarks.md}). With the limits raised the
 * writer keeps going and compaction catches up later, at the price of slower reads while level 0 is deep.
 *
 * <p>Leaving the mode keeps the raised limits until compaction has brought level 0 back under the normal
 * slowdown limit (checked every second on a daemon thread), then restores the normal ones. Restoring them
 * at once would stop the replica's first live writes until compaction drained dozens of files.
 *
 * <p>RocksDB changes these options on a live store ({@code SetOptions}); each change also writes a new
 * OPTIONS file, which is why a replayer enters the mode only for long catch-ups. Thread-safe. Every call
 * into RocksDB runs inside the store's {@link NativeGate}; {@link #close()} runs inside the gate's close.
 */
final class LevelZeroLimits {

    private static final Logger LOG = LoggerFactory.getLogger(LevelZeroLimits.class);
    private static final long SETTLE_CHECK_MILLIS = 1000;

    private enum State { NORMAL, BULK, SETTLING }

    private final RocksDB db;
    private final NativeGate gate;
    private final RocksDbSettings settings;
    private State state = State.NORMAL;
    /** Runs the settle checks while {@link State#SETTLING}; null otherwise. */
    private ScheduledExecutorService settler;

    LevelZeroLimits(RocksDB db, NativeGate gate, RocksDbSettings settings) {
        this.db = db;
        this.gate = gate;
        this.settings = settings;
    }

    /** Raises the limits to the bulk-load ones; the caller is inside the gate. */
    synchronized void raise() {
        if (state == State.BULK) {
            return;
        }
        if (state == State.NORMAL) {
            apply(settings.bulkL0SlowdownFiles(), settings.bulkL0StopFiles());
        }
        stopSettler();
        state = State.BULK;
    }

    /** Restores the normal limits once level 0 allows it; the caller is inside the gate. */
    synchronized void lower() {
        if (state != State.BULK) {
            return;
        }
        state = State.SETTLING;
        if (!restoreIfSettled()) {
            LOG.info("rocksdb store at {}: bulk-load mode left with {} level-0 files; the raised write-stall"
                    + " limits stay until compaction brings level 0 under {}", settings.path(), levelZeroFiles(),
                    settings.l0SlowdownFiles());
            startSettler();
        }
    }

    /**
     * On opening a store read-write: when level 0 is already at the normal slowdown limit (a bulk load
     * ended with its process, e.g. {@code cattle replica --exit-when-caught-up}), raises the limits and
     * settles as if bulk-load mode had just been left, so the first writes after a restart do not stop.
     * The caller is inside the gate.
     */
    synchronized void settleIfDeep() {
        long files = levelZeroFiles();
        if (state != State.NORMAL || files < settings.l0SlowdownFiles()) {
            return;
        }
        apply(settings.bulkL0SlowdownFiles(), settings.bulkL0StopFiles());
        state = State.SETTLING;
        LOG.info("rocksdb store at {}: opened with {} level-0 files; the bulk-load write-stall limits {}/{} stay"
                + " until compaction brings level 0 under {}", settings.path(), files, settings.bulkL0SlowdownFiles(),
                settings.bulkL0StopFiles(), settings.l0SlowdownFiles());
        startSettler();
    }

    private void startSettler() {
        settler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rocksdb-settle " + settings.path());
            t.setDaemon(true);
            return t;
        });
        settler.scheduleWithFixedDelay(this::checkSettled, SETTLE_CHECK_MILLIS, SETTLE_CHECK_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    /** Whether the limits in force are the raised ones (in the mode, or settling after it). */
    synchronized boolean raised() {
        return state != State.NORMAL;
    }

    /** Stops the settle checks; called while the store closes, when no check is inside the gate. */
    synchronized void close() {
        stopSettler();
    }

    private void checkSettled() {
        long stamp = gate.tryEnter();
        if (stamp == 0L) {
            return; // closing: close() stops this thread
        }
        try {
            synchronized (this) {
                if (state == State.SETTLING) {
                    restoreIfSettled();
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("rocksdb store at {}: could not check level 0 after bulk load; will retry: {}",
                    settings.path(), e.getMessage());
        } finally {
            gate.exit(stamp);
        }
    }

    private boolean restoreIfSettled() {
        long files = levelZeroFiles();
        if (files >= settings.l0SlowdownFiles()) {
            return false;
        }
        apply(settings.l0SlowdownFiles(), settings.l0StopFiles());
        state = State.NORMAL;
        stopSettler();
        LOG.info("rocksdb store at {}: level 0 is down to {} files; normal write-stall limits {}/{} restored",
                settings.path(), files, settings.l0SlowdownFiles(), settings.l0StopFiles());
        return true;
    }

    private void stopSettler() {
        if (settler != null) {
            settler.shutdownNow();
            settler = null;
        }
    }

    private long levelZeroFiles() {
        try {
            // A string property: getLongProperty answers NotFound for the per-level file counts.
            return Long.parseLong(db.getProperty("rocksdb.num-files-at-level0").trim());
        } catch (RocksDBException e) {
            throw RocksDbErrors.translate(e, settings.path(), "read the level-0 file count of");
        }
    }

    private void apply(int slowdownFiles, int stopFiles) {
        MutableColumnFamilyOptions limits = MutableColumnFamilyOptions.builder()
                .setLevel0SlowdownWritesTrigger(slowdownFiles)
                .setLevel0StopWritesTrigger(stopFiles)
                .build();
        try {
            db.setOptions(limits);
        } catch (RocksDBException e) {
            throw RocksDbErrors.translate(e, settings.path(), "change the level-0 limits of");
        }
    }
}
