package org.ethercattle.store.rocksdb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.ethercattle.api.Batch;
import org.ethercattle.api.BulkLoadable;
import org.ethercattle.api.Checkpointable;
import org.ethercattle.api.Cursor;
import org.ethercattle.api.Database;
import org.ethercattle.api.ReadOnlyException;
import org.ethercattle.api.StoreException;
import org.ethercattle.api.StoreGauges;
import org.ethercattle.api.Verifiable;
import org.ethercattle.api.VerifyReport;
import org.ethercattle.api.spi.OpenMode;
import org.ethercattle.adapter.support.FileLogDirectory;
import org.ethercattle.adapter.support.NativeGate;
import org.rocksdb.FlushOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.PerfLevel;
import org.rocksdb.WriteBatch;

/**
 * A {@link Database} stored in RocksDB, opened by {@link RocksDbStoreProvider} from a
 * {@code rocksdb:/path?...} spec. Uses RocksDB's default column family and bytewise comparator, which
 * is exactly the unsigned lexicographic order the contract asks for.
 *
 * <ul>
 *   <li><b>Atomicity.</b> A batch reaches RocksDB as one {@code WriteBatch} in one {@code DB::Write}:
 *       all or nothing, also across a crash (with or without the write-ahead log, since a batch never
 *       straddles two memtables).</li>
 *   <li><b>Durability</b> follows the spec's {@code wal} and {@code sync} parameters
 *       (see {@link RocksDbStoreProvider}).</li>
 *   <li><b>Threads.</b> Safe for concurrent use. Every native call holds a shared stamp of a
 *       {@link NativeGate}; {@link #close()} takes it exclusively, waits for calls in flight, releases
 *       open cursors, and from then on every call throws
 *       {@link org.ethercattle.api.StoreClosedException} instead of reaching freed native memory.</li>
 *   <li><b>Read-only</b> ({@link OpenMode#READ_ONLY}): opened with {@code RocksDB.openReadOnly}, which
 *       takes no lock, so it can sit beside a writer (it sees the store as of its open); put, delete,
 *       newBatch and writes throw {@link ReadOnlyException}.</li>
 *   <li><b>Bulk load.</b> {@link #beginBulkLoad()} pauses automatic compaction (up to the spec's
 *       {@code bulkL0CompactionFiles} level-0 files) and raises the level-0 write-stall limits;
 *       {@link #endBulkLoad()} resumes compaction and restores the normal limits once it has drained level 0
 *       (see {@link BulkLoadMode}). Ignored when read-only.</li>
 *   <li><b>Gauges</b> ({@link StoreGauges}): level-0 files, the bulk-load state, pending compaction,
 *       write stalls, memtable and table bytes, estimated keys (see {@link RocksDbGauge}).</li>
 *   <li><b>Verification</b> ({@link Verifiable}): RocksDB's {@code VerifyChecksum} over every live table
 *       file; damage names the file (see {@link RocksDbVerification}). Works read-only too.</li>
 *   <li><b>Snapshots.</b> {@link #checkpoint(Path)} uses RocksDB's checkpoints: hard links to the
 *       immutable table files where the target is on the same file system, copies otherwise.</li>
 * </ul>
 */
public final class RocksDbDatabase implements Database, Checkpointable, BulkLoadable, StoreGauges, Verifiable {

    private static final byte[] NO_BYTES = new byte[0];

    static {
        RocksDB.loadLibrary();
    }

    private final RocksDbSettings settings;
    private final OpenMode mode;
    private final NativeOptions options;
    private final RocksDB db;
    private final NativeGate gate;
    private final BulkLoadMode bulkLoadMode;
    private final Set<RocksDbCursor> openCursors = ConcurrentHashMap.newKeySet();

    private RocksDbDatabase(RocksDbSettings settings, OpenMode mode, NativeOptions options, RocksDB db) {
        this.settings = settings;
        this.mode = mode;
        this.options = options;
        this.db = db;
        this.gate = new NativeGate("rocksdb store at " + settings.path());
        this.bulkLoadMode = new BulkLoadMode(db, gate, settings);
    }

    /**
     * Opens the store {@code settings} describe.
     *
     * @throws StoreException naming the path and the fix when the store is missing (read-only mode, or
     *                        {@code createIfMissing=false}), locked by another process, corrupt, or
     *                        unreadable
     */
    static RocksDbDatabase open(RocksDbSettings settings, OpenMode mode) {
        Path path = settings.path();
        boolean exists = Files.exists(path.resolve("CURRENT"));
        if (Files.exists(path) && !Files.isDirectory(path)) {
            throw new StoreException("rocksdb store path " + path + " is a file, not a directory; give the"
                    + " directory of a rocksdb store (or a new one)");
        }
        FileLogDirectory.refuseAsStore("rocksdb", path);
        if (!exists && mode == OpenMode.READ_ONLY) {
            throw new StoreException("no rocksdb store at " + path + " to open read-only; check the path, or"
                    + " open it read-write once (or restore a snapshot there) to create it");
        }
        if (!exists && !settings.createIfMissing()) {
            throw new StoreException("no rocksdb store at " + path + " and createIfMissing=false; check the"
                    + " path, or drop createIfMissing=false to create an empty store there");
        }
        if (!exists) {
            createDirectories(path);
        }
        // A read-only store neither flushes nor compacts.
        boolean directIo = mode == OpenMode.READ_WRITE && settings.directIo().resolve(path);
        NativeOptions options = new NativeOptions(settings, directIo);
        RocksDbDatabase database;
        try {
            RocksDB db = mode == OpenMode.READ_ONLY
                    ? RocksDB.openReadOnly(options.options(), path.toString(), false)
                    : RocksDB.open(options.options(), path.toString());
            database = new RocksDbDatabase(settings, mode, options, db);
        } catch (RocksDBException e) {
            options.close();
            throw RocksDbErrors.translate(e, path, "open");
        } catch (RuntimeException | Error e) {
            options.close();
            throw e;
        }
        if (mode == OpenMode.READ_WRITE) {
            settleLevelZero(database);
        }
        return database;
    }

    /** See {@link BulkLoadMode#settleIfDeep()}; a failure closes the store and is thrown. */
    private static void settleLevelZero(RocksDbDatabase database) {
        try {
            database.settleLevelZeroIfDeep();
        } catch (RuntimeException e) {
            try {
                database.close();
            } catch (RuntimeException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw e;
        }
    }

    private static void createDirectories(Path path) {
        try {
            Files.createDirectories(path);
        } catch (IOException e) {
            throw new StoreException("could not create the rocksdb store directory " + path + " (" + e
                    + "); check that the parent exists and is writable", e);
        }
    }

    /** The store's directory. */
    public Path path() {
        return settings.path();
    }

    /** Whether it was opened read-only. */
    public boolean isReadOnly() {
        return mode == OpenMode.READ_ONLY;
    }

    boolean isClosed() {
        return gate.isClosed();
    }

    RocksDB rocksDb() {
        return db;
    }

    @Override
    public byte[] get(byte[] key) {
        Objects.requireNonNull(key, "key");
        long stamp = gate.enter();
        try {
            return db.get(options.readOptions(), key);
        } catch (RocksDBException e) {
            throw RocksDbErrors.translate(e, path(), "read from");
        } finally {
            gate.exit(stamp);
        }
    }

    @Override
    public boolean has(byte[] key) {
        Objects.requireNonNull(key, "key");
        long stamp = gate.enter();
        try {
            // Copies nothing back into Java: the value's length is all this form returns.
            return db.get(options.readOptions(), key, NO_BYTES) != RocksDB.NOT_FOUND;
        } catch (RocksDBException e) {
            throw RocksDbErrors.translate(e, path(), "read from");
        } finally {
            gate.exit(stamp);
        }
    }

    @Override
    public void put(byte[] key, byte[] value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        long stamp = enterWritable();
        try {
            db.put(options.writeOptions(), key, value);
        } catch (RocksDBException e) {
            throw RocksDbErrors.translate(e, path(), "write to");
        } finally {
            gate.exit(stamp);
        }
    }

    @Override
    public void delete(byte[] key) {
        Objects.requireNonNull(key, "key");
        long stamp = enterWritable();
        try {
            db.delete(options.writeOptions(), key);
        } catch (RocksDBException e) {
            throw RocksDbErrors.translate(e, path(), "write to");
        } finally {
            gate.exit(stamp);
        }
    }

    /** Applies one serialized {@code WriteBatch} atomically; called by {@link RocksDbBatch#write()}. */
    void write(byte[] serializedBatch) {
        long stamp = enterWritable();
        try (WriteBatch batch = new WriteBatch(serializedBatch)) {
            // RocksDB counts into its thread-local perf context on every key by default (PerfLevel
            // kEnableCount), each count a TLS lookup through __tls_get_addr, since the library is loaded
            // with dlopen. Nothing in Cattle reads those counters; switching them off for the writing
            // thread made batched inserts faster (docs/benchmarks.md, optimisation 2). One JNI call per batch.
            db.setPerfLevel(PerfLevel.DISABLE);
            db.write(options.writeOptions(), batch);
        } catch (RocksDBException e) {
            throw RocksDbErrors.translate(e, path(), "write a batch to");
        } finally {
            gate.exit(stamp);
        }
    }

    private long enterWritable() {
        long stamp = gate.enter();
        if (mode == OpenMode.READ_ONLY) {
            gate.exit(stamp);
            throw new ReadOnlyException("rocksdb store at " + path());
        }
        return stamp;
    }

    @Override
    public void beginBulkLoad() {
        changeBulkLoadMode(BulkLoadMode::enter);
    }

    @Override
    public void endBulkLoad() {
        changeBulkLoadMode(BulkLoadMode::leave);
    }

    /** See {@link BulkLoadMode#settleIfDeep()}; {@link #open} calls it for a read-write store. */
    void settleLevelZeroIfDeep() {
        changeBulkLoadMode(BulkLoadMode::settleIfDeep);
    }

    /** Runs {@code change} inside the gate; a read-only store has no limits to change, so nothing runs. */
    private void changeBulkLoadMode(Consumer<BulkLoadMode> change) {
        long stamp = gate.enter();
        try {
            if (mode == OpenMode.READ_WRITE) {
                change.accept(bulkLoadMode);
            }
        } finally {
            gate.exit(stamp);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Here: in bulk-load mode, and after it until compaction has brought level 0 under
     * {@code l0SlowdownFiles} (the store also starts so when opened with a deep level 0). Until then a
     * point read looks into every level-0 file, several times slower ({@code docs/benchmarks.md},
     * optimisation 8).
     */
    @Override
    public boolean deferredUpkeepPending() {
        long stamp = gate.tryEnter();
        if (stamp == 0L) {
            return false;
        }
        try {
            return bulkLoadMode.raised();
        } finally {
            gate.exit(stamp);
        }
    }

    /** Whether the raised bulk-load limits are in force: in the mode, or settling after it. */
    boolean bulkLoadLimitsRaised() {
        return bulkLoadMode.raised();
    }

    /** Whether bulk-load mode holds automatic compaction paused. */
    boolean bulkLoadCompactionPaused() {
        return bulkLoadMode.compactionPaused();
    }

    @Override
    public List<String> gaugeNames() {
        return RocksDbGauge.names();
    }

    /** {@inheritDoc} NaN once the store is closed, or if RocksDB cannot answer (never thrown). */
    @Override
    public double gauge(String name) {
        RocksDbGauge gauge = RocksDbGauge.named(name);
        long stamp = gate.tryEnter();
        if (stamp == 0L) {
            return Double.NaN;
        }
        try {
            return gauge.read(db, bulkLoadMode);
        } catch (RocksDBException | RuntimeException e) {
            return Double.NaN;
        } finally {
            gate.exit(stamp);
        }
    }

    @Override
    public Batch newBatch() {
        gate.exit(enterWritable());
        return new RocksDbBatch(this);
    }

    @Override
    public Cursor cursor(byte[] prefix, byte[] start) {
        byte[] p = prefix == null ? NO_BYTES : prefix;
        byte[] s = start == null ? NO_BYTES : start;
        long stamp = gate.enter();
        try {
            RocksDbCursor cursor = RocksDbCursor.open(this, gate, options.readOptions(), p, s);
            openCursors.add(cursor);
            return cursor;
        } finally {
            gate.exit(stamp);
        }
    }

    /** Stops tracking a cursor its owner closed. */
    void forget(RocksDbCursor cursor) {
        openCursors.remove(cursor);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Flushes the memtables (RocksDB's {@code Checkpoint} does), then links or copies the live files
     * into {@code target}; writes that race with it land wholly in the copy or wholly outside it. Runs
     * beside reads and writes; only {@link #close()} waits for it. Works on a read-only store too.
     * RocksDB stages the copy in {@code target + ".tmp"}, which must not exist either.
     */
    @Override
    public void checkpoint(Path target) {
        Path copy = RocksDbCheckpoint.checkTarget(target);
        long stamp = gate.enter();
        try {
            RocksDbCheckpoint.write(db, path(), copy);
        } finally {
            gate.exit(stamp);
        }
        RocksDbCheckpoint.syncParent(copy);
    }

    /** {@inheritDoc} Here: RocksDB's {@code VerifyChecksum}, see {@link RocksDbVerification}. */
    @Override
    public VerifyReport verify() {
        long stamp = gate.enter();
        try {
            return RocksDbVerification.run(db, path(), toString());
        } finally {
            gate.exit(stamp);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Waits for calls in flight, releases open cursors, flushes the memtables when the write-ahead log
     * is off (so a clean shutdown keeps every write), then frees the native store.
     *
     * @throws StoreException if that last flush or the close fails; the store is closed all the same,
     *                        and what is on disk is a consistent earlier state
     */
    @Override
    public void close() {
        StoreException[] failure = new StoreException[1];
        gate.close(() -> {
            bulkLoadMode.close();
            for (RocksDbCursor cursor : openCursors) {
                cursor.release();
            }
            openCursors.clear();
            try {
                if (!settings.wal() && mode == OpenMode.READ_WRITE) {
                    try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
                        db.flush(flush);
                    }
                }
                db.closeE();
            } catch (RocksDBException e) {
                failure[0] = RocksDbErrors.translate(e, path(), "close");
                db.close();
            } finally {
                options.close();
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    @Override
    public String toString() {
        return "rocksdb:" + path() + (isReadOnly() ? " (read-only)" : "");
    }
}
