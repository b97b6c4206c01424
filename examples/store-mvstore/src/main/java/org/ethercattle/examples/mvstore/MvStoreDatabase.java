package org.ethercattle.examples.mvstore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.ethercattle.api.Batch;
import org.ethercattle.api.Cursor;
import org.ethercattle.api.Database;
import org.ethercattle.api.ReadOnlyException;
import org.ethercattle.api.StoreClosedException;
import org.ethercattle.api.StoreException;
import org.ethercattle.api.spi.OpenMode;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/**
 * A Cattle {@link Database} on one MVStore map of {@code byte[]} to {@code byte[]}, ordered as unsigned
 * bytes by {@link UnsignedBytesType}.
 *
 * <h2>How batches stay atomic</h2>
 * MVStore's maps are copy-on-write trees: a cursor walks the root it was given and never sees a later
 * change. So every write (a put, a delete, a whole batch) runs under the write half of one lock, and a
 * cursor takes its root under the read half: a cursor's root therefore lies between two batches, never
 * inside one. A {@code TransactionStore} would give the same, with more machinery than one writer at a
 * time needs.
 *
 * <p>Across a crash: MVStore's background auto-commit is switched off, because it could save the file in
 * the middle of a batch. This class commits itself, under the write lock, after a write once
 * {@code commitBytes} of changes are unsaved, and on close. Every version in the file therefore ends at a
 * batch boundary; a crash loses at most the unsaved tail, whole batches, which a replica replays again
 * from its log (its checkpoint travels in the batch it covers).
 */
final class MvStoreDatabase implements Database {

    /** The MVStore file inside the spec's directory. */
    static final String FILE_NAME = "store.mv.db";

    private static final String MAP_NAME = "cattle";

    private final Path directory;
    private final MVStore store;
    private final MVMap<byte[], byte[]> map;
    private final boolean readOnly;
    private final long commitBytes;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Set<MvStoreCursor> openCursors = ConcurrentHashMap.newKeySet();
    private long unsavedBytes; // guarded by the write lock
    private volatile boolean closed;

    private MvStoreDatabase(Path directory, MVStore store, boolean readOnly, long commitBytes) {
        this.directory = directory;
        this.store = store;
        this.readOnly = readOnly;
        this.commitBytes = commitBytes;
        this.map = store.openMap(MAP_NAME, new MVMap.Builder<byte[], byte[]>()
                .keyType(UnsignedBytesType.INSTANCE).valueType(UnsignedBytesType.INSTANCE));
    }

    /** Opens (in {@code READ_WRITE}, creating when missing) the store in {@code directory}. */
    static MvStoreDatabase open(Path directory, OpenMode mode, int cacheMiB, long commitBytes) {
        Path file = directory.resolve(FILE_NAME);
        boolean readOnly = mode == OpenMode.READ_ONLY;
        if (readOnly && !Files.exists(file)) {
            throw new StoreException("no mvstore store at " + directory + " (no " + FILE_NAME
                    + "); a read-only open needs an existing store: check the path");
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new StoreException("cannot create the mvstore directory " + directory + ": " + e.getMessage()
                    + "; check the path and its permissions", e);
        }
        MVStore.Builder builder = new MVStore.Builder().fileName(file.toString()).cacheSize(cacheMiB)
                .autoCommitDisabled();
        if (readOnly) {
            builder.readOnly();
        }
        try {
            MVStore store = builder.open();
            return new MvStoreDatabase(directory, store, readOnly, commitBytes);
        } catch (MVStoreException e) {
            if (e.getErrorCode() == DataUtils.ERROR_FILE_LOCKED) {
                throw new StoreException("mvstore store at " + directory + " is in use by another process"
                        + " (or already open in this one); stop it or use another directory", e);
            }
            throw failure(directory, "cannot open", e);
        }
    }

    @Override
    public byte[] get(byte[] key) {
        Objects.requireNonNull(key, "key");
        byte[] value = read(key);
        return value == null ? null : value.clone();
    }

    @Override
    public boolean has(byte[] key) {
        Objects.requireNonNull(key, "key");
        return read(key) != null;
    }

    private byte[] read(byte[] key) {
        ensureOpen();
        try {
            return map.get(key);
        } catch (MVStoreException | IllegalStateException e) {
            ensureOpen(); // closed meanwhile: say so
            throw failure("cannot read", e);
        }
    }

    @Override
    public void put(byte[] key, byte[] value) {
        apply(List.of(new MvStoreBatch.Op(key.clone(), value.clone())));
    }

    @Override
    public void delete(byte[] key) {
        apply(List.of(new MvStoreBatch.Op(key.clone(), null)));
    }

    @Override
    public Batch newBatch() {
        ensureOpen();
        return new MvStoreBatch(this);
    }

    /**
     * Applies {@code ops} in order, all together: under the write lock, so no cursor takes its root
     * meanwhile, and committed only after the last one. The arrays must be this store's own copies.
     */
    void apply(List<MvStoreBatch.Op> ops) {
        lock.writeLock().lock();
        try {
            ensureOpen();
            if (readOnly) {
                throw new ReadOnlyException("mvstore store at " + directory);
            }
            try {
                for (MvStoreBatch.Op op : ops) {
                    if (op.value() == null) {
                        map.remove(op.key());
                    } else {
                        map.put(op.key(), op.value());
                    }
                    unsavedBytes += op.bytes();
                }
                if (unsavedBytes >= commitBytes) {
                    store.commit();
                    unsavedBytes = 0;
                }
            } catch (MVStoreException | IllegalStateException e) {
                // The map may hold part of the batch: close without saving, so the file keeps whole batches.
                closed = true;
                openCursors.forEach(MvStoreCursor::releaseVersion);
                store.closeImmediately();
                throw failure("cannot write (the store is now closed; reopen it, whole batches survive)", e);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public Cursor cursor(byte[] prefix, byte[] start) {
        lock.readLock().lock();
        try {
            ensureOpen();
            MvStoreCursor cursor = new MvStoreCursor(this, store, map, prefix == null ? new byte[0] : prefix.clone(),
                    start == null ? new byte[0] : start);
            openCursors.add(cursor);
            return cursor;
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            openCursors.forEach(MvStoreCursor::releaseVersion); // the cursors then throw StoreClosedException
            store.close(); // commits what is unsaved (nothing in read-only mode)
        } catch (MVStoreException e) {
            throw failure("cannot close", e);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Called by a cursor's {@code close()}. */
    void forget(MvStoreCursor cursor) {
        openCursors.remove(cursor);
    }

    /** Throws {@link StoreClosedException} once {@link #close()} has run. */
    void ensureOpen() {
        if (closed) {
            throw new StoreClosedException("mvstore store at " + directory);
        }
    }

    private StoreException failure(String what, RuntimeException cause) {
        return failure(directory, what, cause);
    }

    private static StoreException failure(Path directory, String what, RuntimeException cause) {
        return new StoreException("mvstore store at " + directory + ": " + what + ": " + cause.getMessage()
                + "; check the disk and the file " + directory.resolve(FILE_NAME), cause);
    }

    @Override
    public String toString() {
        return "mvstore store at " + directory;
    }
}
