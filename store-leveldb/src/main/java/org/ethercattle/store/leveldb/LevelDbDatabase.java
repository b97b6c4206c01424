package org.ethercattle.store.leveldb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.ethercattle.api.Batch;
import org.ethercattle.api.Checkpointable;
import org.ethercattle.api.Cursor;
import org.ethercattle.api.Database;
import org.ethercattle.api.ReadOnlyException;
import org.ethercattle.api.StoreException;
import org.ethercattle.api.Verifiable;
import org.ethercattle.api.VerifyReport;
import org.ethercattle.api.spi.OpenMode;
import org.ethercattle.adapter.support.FileLogDirectory;
import org.ethercattle.adapter.support.NativeGate;
import org.fusesource.leveldbjni.JniDBFactory;
import org.iq80.leveldb.DB;
import org.iq80.leveldb.DBException;
import org.iq80.leveldb.DBIterator;
import org.iq80.leveldb.ReadOptions;
import org.iq80.leveldb.WriteBatch;
import org.iq80.leveldb.WriteOptions;

/**
 * A {@link Database} kept in a LevelDB directory through leveldbjni (LevelDB 1.x, native).
 *
 * <ul>
 *   <li><b>Order:</b> LevelDB's default bytewise comparator, which is unsigned lexicographic order.</li>
 *   <li><b>Ownership:</b> keys and values are copied into native memory during each call; every array
 *       returned is fresh.</li>
 *   <li><b>Atomicity:</b> a {@link Batch} becomes one LevelDB write batch, which is one record in
 *       LevelDB's write-ahead log: after a crash it is there entirely or not at all.</li>
 *   <li><b>Durability:</b> with {@code sync=false} (the default) a write survives a process crash but may
 *       be lost, as a whole batch, in a power loss; {@code sync=true} fsyncs every write.</li>
 *   <li><b>Cursors</b> read through LevelDB's implicit iterator snapshot, fixed when the cursor is opened,
 *       so they never see part of a batch or any later write.</li>
 *   <li><b>Threads:</b> safe for concurrent use. Every native call is admitted by a {@link NativeGate};
 *       {@link #close()} waits for calls in flight, frees every cursor still open, then the store.
 *       Afterwards every call throws {@link org.ethercattle.api.StoreClosedException}.</li>
 *   <li><b>Read-only</b> ({@link OpenMode#READ_ONLY}): LevelDB has no read-only open, so the store is
 *       opened normally (taking its {@code LOCK} file, which keeps other processes out) and this class
 *       refuses writes with {@link ReadOnlyException}. LevelDB may still write files while opening (it
 *       replays its log into a new table), so the directory must be writable.</li>
 *   <li><b>Verification</b> ({@link Verifiable}): every entry read once with checksums verified, which
 *       checks every block of every table file (see {@link LevelDbVerification}).</li>
 *   <li><b>Full disk:</b> the LevelDB in leveldbjni-all 1.8 writes through {@code mmap} and would crash the
 *       JVM with {@code SIGBUS} on a full disk, so writes are refused with a {@link StoreException} once
 *       free space falls below {@code minFreeSpace} (see {@link FreeSpaceCheck}).</li>
 * </ul>
 */
public final class LevelDbDatabase implements Database, Checkpointable, Verifiable {

    private final Path path;
    private final LevelDbOptions options;
    private final boolean readOnly;
    private final DB db;
    private final NativeGate gate;
    private final FreeSpaceCheck freeSpace;
    private final WriteOptions writeOptions;
    private final ReadOptions readOptions = new ReadOptions();
    private final Set<LevelDbCursor> openCursors = ConcurrentHashMap.newKeySet();

    private LevelDbDatabase(Path path, LevelDbOptions options, boolean readOnly, DB db) {
        this.path = path;
        this.options = options;
        this.readOnly = readOnly;
        this.db = db;
        this.gate = new NativeGate("leveldb store at " + path);
        this.freeSpace = FreeSpaceCheck.of(path, readOnly ? 0 : options.minFreeSpace());
        this.writeOptions = new WriteOptions().sync(options.sync());
    }

    /**
     * Opens the store in directory {@code path}.
     *
     * @throws StoreException when the directory is locked by another process, corrupt, missing (read-only,
     *                        or {@code createIfMissing=false}), or the native library cannot load; the
     *                        message names the path and the fix
     */
    public static LevelDbDatabase open(Path path, LevelDbOptions options, OpenMode mode) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(options, "options");
        boolean readOnly = mode == OpenMode.READ_ONLY;
        Path absolute = path.toAbsolutePath();
        if ((readOnly || !options.createIfMissing()) && !Files.isDirectory(absolute)) {
            throw new StoreException("leveldb store at " + absolute + " does not exist; check the path"
                    + (readOnly ? " (a read-only open never creates a store)" : ", or drop createIfMissing=false"));
        }
        FileLogDirectory.refuseAsStore("leveldb", absolute);
        if (!readOnly) {
            createParent(absolute);
        }
        try {
            DB db = NativeLibrary.factory().open(absolute.toFile(), options.toNative(readOnly));
            try {
                return new LevelDbDatabase(absolute, options, readOnly, db);
            } catch (RuntimeException e) {
                db.close();
                throw e;
            }
        } catch (IOException | DBException e) {
            throw LevelDbErrors.translate(absolute, "open", e);
        }
    }

    private static void createParent(Path absolute) {
        Path parent = absolute.getParent();
        try {
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new StoreException("cannot create the parent directory of leveldb store at " + absolute + ": " + e
                    + "; create it or choose a writable path", e);
        }
    }

    /** The store's directory, absolute. */
    public Path path() {
        return path;
    }

    /** The options the store was opened with. */
    public LevelDbOptions options() {
        return options;
    }

    @Override
    public byte[] get(byte[] key) {
        Objects.requireNonNull(key, "key");
        long stamp = gate.enter();
        try {
            return db.get(key, readOptions);
        } catch (DBException e) {
            throw LevelDbErrors.translate(path, "read from", e);
        } finally {
            gate.exit(stamp);
        }
    }

    @Override
    public boolean has(byte[] key) {
        // LevelDB has no existence check; a get is its cheapest form.
        return get(key) != null;
    }

    @Override
    public void put(byte[] key, byte[] value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        long stamp = gate.enter();
        try {
            requireWritable();
            freeSpace.beforeWrite(key.length + value.length);
            db.put(key, value, writeOptions);
        } catch (DBException e) {
            throw LevelDbErrors.translate(path, "write to", e);
        } finally {
            gate.exit(stamp);
        }
    }

    @Override
    public void delete(byte[] key) {
        Objects.requireNonNull(key, "key");
        long stamp = gate.enter();
        try {
            requireWritable();
            freeSpace.beforeWrite(key.length);
            db.delete(key, writeOptions);
        } catch (DBException e) {
            throw LevelDbErrors.translate(path, "write to", e);
        } finally {
            gate.exit(stamp);
        }
    }

    /** {@inheritDoc} The batch holds its writes on the Java heap until {@link Batch#write()}. */
    @Override
    public Batch newBatch() {
        gate.requireOpen();
        requireWritable();
        return new LevelDbBatch(this);
    }

    @Override
    public Cursor cursor(byte[] prefix, byte[] start) {
        return openCursor(prefix == null ? new byte[0] : prefix, start == null ? new byte[0] : start, readOptions);
    }

    /**
     * {@inheritDoc}
     *
     * <p>LevelDB has no checkpoint of its own, so this iterates one consistent view of the store and
     * writes it into a new LevelDB at {@code target} in large batches, with the same options. Writers are
     * not blocked. The calling thread's interrupt aborts the copy (and removes it).
     */
    @Override
    public void checkpoint(Path target) {
        new LevelDbCheckpoint(this, target).run();
    }

    /** {@inheritDoc} Here: a full read with checksums verified, see {@link LevelDbVerification}. */
    @Override
    public VerifyReport verify() {
        long stamp = gate.enter();
        try {
            return LevelDbVerification.run(db, path, toString());
        } finally {
            gate.exit(stamp);
        }
    }

    /** Releases every open cursor, then the store; waits for calls in flight. Idempotent. */
    @Override
    public void close() {
        gate.close(() -> {
            for (LevelDbCursor cursor : openCursors) {
                cursor.release();
            }
            openCursors.clear();
            try {
                db.close();
            } catch (IOException | DBException e) {
                throw LevelDbErrors.translate(path, "close", e);
            }
        });
    }

    @Override
    public String toString() {
        return "leveldb:" + path;
    }

    LevelDbCursor openCursor(byte[] prefix, byte[] start, ReadOptions read) {
        byte[] prefixCopy = prefix.clone();
        byte[] seekKey = new byte[prefix.length + start.length];
        System.arraycopy(prefix, 0, seekKey, 0, prefix.length);
        System.arraycopy(start, 0, seekKey, prefix.length, start.length);
        long stamp = gate.enter();
        try {
            DBIterator iterator = db.iterator(read);
            try {
                iterator.seek(seekKey);
            } catch (DBException e) {
                iterator.close();
                throw e;
            }
            LevelDbCursor cursor = new LevelDbCursor(this, gate, iterator, prefixCopy);
            openCursors.add(cursor);
            return cursor;
        } catch (IOException | DBException e) {
            throw LevelDbErrors.translate(path, "read from", e);
        } finally {
            gate.exit(stamp);
        }
    }

    /** Throws {@link org.ethercattle.api.StoreClosedException} when the store is closed. */
    void requireOpen() {
        gate.requireOpen();
    }

    void forget(LevelDbCursor cursor) {
        openCursors.remove(cursor);
    }

    /** Applies {@code count} writes (a {@code null} value is a delete) as one atomic LevelDB batch. */
    void write(byte[][] keys, byte[][] values, int count, long valueSize) {
        long stamp = gate.enter();
        try {
            requireWritable();
            if (count == 0) {
                return;
            }
            freeSpace.beforeWrite(valueSize);
            WriteBatch batch = db.createWriteBatch();
            try {
                for (int i = 0; i < count; i++) {
                    if (values[i] == null) {
                        batch.delete(keys[i]);
                    } else {
                        batch.put(keys[i], values[i]);
                    }
                }
                db.write(batch, writeOptions);
            } finally {
                batch.close();
            }
        } catch (IOException | DBException e) {
            throw LevelDbErrors.translate(path, "write a batch to", e);
        } finally {
            gate.exit(stamp);
        }
    }

    private void requireWritable() {
        if (readOnly) {
            throw new ReadOnlyException("leveldb store at " + path + " (opened read-only)");
        }
    }
}
