package org.ethercattle.store.rocksdb;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.ethercattle.adapter.support.NativeGate;
import org.rocksdb.MutableColumnFamilyOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bulk-load mode of one open store ({@link org.ethercattle.api.BulkLoadable}): automatic compaction paused
 * and the level-0 write-stall limits raised while a replica catches up on a long backlog.
 *
 * <p>Why: a catching-up replica writes far faster than two cores can compact. With compaction running, the
 * day-long catch-up of {@code docs/benchmarks.md} spent more CPU compacting than applying, rewriting every
 * byte several times while level 0 was being refilled behind it; with RocksDB's normal limits (slow down at
 * 20 level-0 files, stop at 36) it also stalled. Paused, every flush lands in level 0 and the merge happens
 * once, after the catch-up, as RocksDB's own {@code PrepareForBulkLoad} recommends. A replica serves no
 * reads while it catches up, so the deep level 0 costs nothing then.
 *
 * <p>The pause is bounded: when level 0 reaches the spec's {@code bulkL0CompactionFiles}, compaction
 * resumes for the rest of the mode (a backlog of many days must not leave thousands of files, or need twice
 * its size in free disk for one merge). Whenever compaction runs in or after the mode, the stall limits are
 * at least {@code bulkL0SlowdownFiles}/{@code bulkL0StopFiles} and at least the normal limits on top of the
 * level-0 files present, so resuming compaction never stops the writer. They stay raised after the mode until
 * compaction has brought level 0 back under the normal slowdown limit; then the normal ones return. A
 * daemon thread checks level 0 every second while compaction is paused or the store settles.
 *
 * <p>RocksDB changes these options on a live store ({@code SetOptions}); each change also writes a new
 * OPTIONS file, which is why a replayer enters the mode only for long catch-ups. Options set this way are
 * not kept across a reopen: a store always opens with compaction running. Thread-safe. Every call into
 * RocksDB runs inside the store's {@link NativeGate}; {@link #close()} runs inside the gate's close.
 */
final class BulkLoadMode {

    private static final Logger LOG = LoggerFactory.getLogger(BulkLoadMode.class);
    private static final long CHECK_MILLIS = 1000;

    private enum State {
        /** Normal limits, compaction running. */
        NORMAL,
        /** In the mode with compaction paused: every flush stays in level 0. */
        PAUSED,
        /** In the mode with compaction running under raised limits. */
        COMPACTING,
        /** Out of the mode; the raised limits stay until level 0 drains. */
        SETTLING
    }

    private final RocksDB db;
    private final NativeGate gate;
    private final RocksDbSettings settings;
    private State state = State.NORMAL;
    /** Runs the level-0 checks while {@link State#PAUSED} or {@link State#SETTLING}; null otherwise. */
    private ScheduledExecutorService checker;

    BulkLoadMode(RocksDB db, NativeGate gate, RocksDbSettings settings) {
        this.db = db;
        this.gate = gate;
        this.settings = settings;
    }

    /** Enters the mode; the caller is inside the gate. */
    synchronized void enter() {
        if (state == State.PAUSED || state == State.COMPACTING) {
            return;
        }
        long files = levelZeroFiles();
        if (files < settings.bulkL0CompactionFiles()) {
            apply(true, files);
            state = State.PAUSED;
            startChecker();
        } else {
            apply(false, files);
            state = State.COMPACTING;
            stopChecker();
        }
    }

    /** Leaves the mode: compaction runs again, and the normal limits return once level 0 allows; inside the gate. */
    synchronized void leave() {
        if (state != State.PAUSED && state != State.COMPACTING) {
            return;
        }
        long files = levelZeroFiles();
        if (files < settings.l0SlowdownFiles()) {
            restoreNormal(files);
            return;
        }
        apply(false, files);
        state = State.SETTLING;
        LOG.info("rocksdb store at {}: bulk-load mode left with {} level-0 files; compaction runs, and the raised"
                + " write-stall limits stay until level 0 is under {}", settings.path(), files,
                settings.l0SlowdownFiles());
        startChecker();
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
        apply(false, files);
        state = State.SETTLING;
        LOG.info("rocksdb store at {}: opened with {} level-0 files; raised write-stall limits stay until"
                + " compaction brings level 0 under {}", settings.path(), files, settings.l0SlowdownFiles());
        startChecker();
    }

    /** Whether the limits in force are raised ones (in the mode, or settling after it). */
    synchronized boolean raised() {
        return state != State.NORMAL;
    }

    /** Whether automatic compaction is paused (in the mode, before level 0 reached its bound). */
    synchronized boolean compactionPaused() {
        return state == State.PAUSED;
    }

    /** Stops the level-0 checks; called while the store closes, when no check is inside the gate. */
    synchronized void close() {
        stopChecker();
    }

    private void check() {
        long stamp = gate.tryEnter();
        if (stamp == 0L) {
            return; // closing: close() stops this thread
        }
        try {
            synchronized (this) {
                checkLevelZero();
            }
        } catch (RuntimeException e) {
            LOG.warn("rocksdb store at {}: could not check level 0 in or after bulk-load mode; will retry: {}",
                    settings.path(), e.getMessage());
        } finally {
            gate.exit(stamp);
        }
    }

    private void checkLevelZero() {
        if (state == State.PAUSED) {
            long files = levelZeroFiles();
            if (files >= settings.bulkL0CompactionFiles()) {
                apply(false, files);
                state = State.COMPACTING;
                stopChecker();
                LOG.info("rocksdb store at {}: level 0 reached {} files in bulk-load mode (bulkL0CompactionFiles);"
                        + " compaction resumes", settings.path(), files);
            }
        } else if (state == State.SETTLING) {
            long files = levelZeroFiles();
            if (files < settings.l0SlowdownFiles()) {
                restoreNormal(files);
            }
        }
    }

    private void restoreNormal(long files) {
        applyOptions(false, settings.l0SlowdownFiles(), settings.l0StopFiles());
        boolean wasSettling = state == State.SETTLING;
        state = State.NORMAL;
        stopChecker();
        if (wasSettling) {
            LOG.info("rocksdb store at {}: level 0 is down to {} files; normal write-stall limits {}/{} restored",
                    settings.path(), files, settings.l0SlowdownFiles(), settings.l0StopFiles());
        }
    }

    private void startChecker() {
        if (checker != null) {
            return;
        }
        checker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rocksdb-settle " + settings.path());
            t.setDaemon(true);
            return t;
        });
        checker.scheduleWithFixedDelay(this::check, CHECK_MILLIS, CHECK_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void stopChecker() {
        if (checker != null) {
            checker.shutdownNow();
            checker = null;
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

    /**
     * Sets the raised limits for a level 0 of {@code files}: the spec's bulk ones, and never less than the
     * normal room on top of what is already there (RocksDB ignores them while compaction is paused).
     */
    private void apply(boolean pauseCompaction, long files) {
        int slowdown = (int) Math.max(settings.bulkL0SlowdownFiles(), files + settings.l0SlowdownFiles());
        int stop = (int) Math.max(settings.bulkL0StopFiles(), files + settings.l0StopFiles());
        applyOptions(pauseCompaction, slowdown, stop);
    }

    private void applyOptions(boolean pauseCompaction, int slowdownFiles, int stopFiles) {
        MutableColumnFamilyOptions options = MutableColumnFamilyOptions.builder()
                .setDisableAutoCompactions(pauseCompaction)
                .setLevel0SlowdownWritesTrigger(slowdownFiles)
                .setLevel0StopWritesTrigger(stopFiles)
                .build();
        try {
            db.setOptions(options);
        } catch (RocksDBException e) {
            throw RocksDbErrors.translate(e, settings.path(), "change the compaction settings of");
        }
    }
}
