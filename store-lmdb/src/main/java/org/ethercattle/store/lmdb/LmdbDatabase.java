package org.ethercattle.store.lmdb;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.ethercattle.api.Batch;
import org.ethercattle.api.Checkpointable;
import org.ethercattle.api.Cursor;
import org.ethercattle.api.Database;
import org.ethercattle.api.ReadOnlyException;
import org.ethercattle.api.StoreClosedException;
import org.ethercattle.api.StoreException;
import org.ethercattle.api.Verifiable;
import org.ethercattle.api.VerifyReport;
import org.lmdbjava.Dbi;
import org.lmdbjava.Env;
import org.lmdbjava.LmdbException;
import org.lmdbjava.Txn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Database} kept in an LMDB environment (one directory holding {@code data.mdb} and
 * {@code lock.mdb}), through lmdbjava. Opened by {@link LmdbStoreProvider} from {@code lmdb:} specs, through
 * {@link LmdbOpener}.
 *
 * <h2>How the api contract maps onto LMDB</h2>
 * <ul>
 *   <li><b>Order.</b> Keys live in LMDB's main database with its default comparison, {@code memcmp}:
 *       unsigned lexicographic byte order, shorter prefix first.</li>
 *   <li><b>Key limits.</b> LMDB cannot store an empty key nor one longer than {@link #MAX_KEY_BYTES};
 *       writing one throws {@link StoreException} saying so. Reading one returns "absent", which is
 *       the truth: no such key can be stored.</li>
 *   <li><b>Atomicity.</b> Every {@link #put}, {@link #delete} and {@link Batch#write()} is one LMDB
 *       write transaction; LMDB is copy-on-write, so a transaction is never seen in part, also after a
 *       crash. Durability follows the {@code sync} parameter ({@link LmdbSync}).</li>
 *   <li><b>Map growth.</b> When a write transaction runs out of map ({@code MDB_MAP_FULL}) it is
 *       aborted, the map grows by the spec's policy and the whole write is retried; nothing of the
 *       failed attempt remains. Growing re-maps memory, so it waits until no read transaction (open
 *       cursor, in-flight get, checkpoint) of this process is live, and new reads wait for it meanwhile
 *       (except on threads holding a cursor). A cursor left open blocks growth for at most
 *       {@code growWait}, after which the write fails with a message saying so; a thread must not
 *       write while it holds a cursor it has not exhausted if the write may need to grow the map.</li>
 *   <li><b>Threads.</b> Safe for concurrent use. Writers are serialized (LMDB allows one write
 *       transaction at a time); reads run in parallel in their own read transactions, which are not
 *       tied to threads ({@code MDB_NOTLS}), so a cursor may move between threads.</li>
 *   <li><b>Lifecycle.</b> {@link #close()} closes open cursors, waits for calls in flight, flushes and
 *       releases the environment; it is idempotent. Every later call throws
 *       {@link StoreClosedException}, never touching released native memory. LMDB allows one open
 *       environment per data file per process, so opening a directory that is already open in this
 *       JVM fails; share the {@code Database} instead.</li>
 *   <li><b>Verification</b> ({@link Verifiable}): LMDB keeps no checksums, so flipped bits in a value
 *       are served as they are and no pass can find them; {@link #verify()} walks every entry in one read
 *       transaction, which proves the B-tree is readable and in order, and says that values are
 *       unchecked (compare the store with another replica).</li>
 *   <li><b>One writer process.</b> A read-write open holds an exclusive OS lock on
 *       {@code cattle.lock} in the directory until {@link #close()} ({@link WriterLock}), so a second
 *       read-write open by another process fails with a {@link StoreException} saying the store is in
 *       use, instead of interleaving its writes with the owner's. A read-only open takes no lock: like
 *       LMDB's own readers (and RocksDB's read-only opens) it may sit beside a live writer, seeing each
 *       read as of the transactions committed when it began.</li>
 * </ul>
 */
public final class LmdbDatabase implements Database, Checkpointable, Verifiable {

    /** The longest key LMDB accepts in its default build ({@code MDB_MAXKEYSIZE}). */
    public static final int MAX_KEY_BYTES = 511;

    private static final Logger LOG = LoggerFactory.getLogger(LmdbDatabase.class);
    private static final ThreadLocal<ByteBuffer> READ_KEY =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(MAX_KEY_BYTES));

    private final Path directory;
    private final LmdbOptions options;
    private final boolean readOnly;
    private final Env<ByteBuffer> env;
    private final Dbi<ByteBuffer> dbi;
    private final int maxKeyBytes;
    /** Held from a read-write open until close; null for read-only opens, which take none. */
    private final WriterLock writerLock;

    /** Held shared by every live LMDB transaction (gets, writes, cursors, checkpoints); exclusively to re-map or close. */
    private final MapGate mapGate = new MapGate();
    private final MapGrowth mapGrowth;
    /** Serializes writers, so a growth never races another writer and writeKey has one user. */
    private final ReentrantLock writer = new ReentrantLock();
    private final ByteBuffer writeKey = ByteBuffer.allocateDirect(MAX_KEY_BYTES);
    private final ByteBuffer emptyValue = ByteBuffer.allocateDirect(0);
    private final WriteScope writeScope = new WriteScope();
    private final Set<LmdbCursor> cursors = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile boolean closed;

    /** Built by {@link LmdbOpener}, which owns {@code env} and {@code writerLock} until this store closes. */
    LmdbDatabase(Path directory, LmdbOptions options, boolean readOnly, Env<ByteBuffer> env, Dbi<ByteBuffer> dbi,
                 WriterLock writerLock) {
        this.directory = directory;
        this.writerLock = writerLock;
        this.options = options;
        this.readOnly = readOnly;
        this.env = env;
        this.dbi = dbi;
        this.maxKeyBytes = Math.min(MAX_KEY_BYTES, env.getMaxKeySize());
        this.mapGrowth = new MapGrowth(this, env, mapGate, options);
    }

    @Override
    public byte[] get(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (!storable(key)) {
            return null;
        }
        long stamp = enter();
        try (Txn<ByteBuffer> txn = beginRead()) {
            ByteBuffer value = dbi.get(txn, readKey(key));
            return value == null ? null : copy(value);
        } catch (LmdbException e) {
            throw failure("get", e);
        } finally {
            mapGate.exit(stamp);
        }
    }

    @Override
    public boolean has(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (!storable(key)) {
            return false;
        }
        long stamp = enter();
        try (Txn<ByteBuffer> txn = beginRead()) {
            return dbi.get(txn, readKey(key)) != null;
        } catch (LmdbException e) {
            throw failure("has", e);
        } finally {
            mapGate.exit(stamp);
        }
    }

    @Override
    public Cursor cursor(byte[] prefix, byte[] start) {
        byte[] p = prefix == null ? new byte[0] : prefix.clone();
        byte[] s = start == null ? new byte[0] : start;
        byte[] seekKey = new byte[p.length + s.length];
        System.arraycopy(p, 0, seekKey, 0, p.length);
        System.arraycopy(s, 0, seekKey, p.length, s.length);
        Thread opener = Thread.currentThread();
        long stamp = mapGate.enterCursor(opener);
        LmdbCursor cursor = null;
        Txn<ByteBuffer> txn = null;
        try {
            txn = beginRead();
            cursor = new LmdbCursor(this, txn, dbi.openCursor(txn), stamp, opener, p, seekKey, maxKeyBytes);
            // Registered before the closed check: close() sets closed and then closes every registered
            // cursor, so a cursor either sees closed here or is closed by close().
            cursors.add(cursor);
            if (closed) {
                cursor.close();
                throw closedException();
            }
            return cursor;
        } catch (RuntimeException e) {
            if (cursor == null) { // once made, the cursor gives back its transaction and hold itself
                if (txn != null) {
                    txn.close();
                }
                mapGate.exitCursor(stamp, opener);
            }
            throw e instanceof LmdbException lmdb ? failure("open a cursor", lmdb) : e;
        }
    }

    /** Called by a cursor when it releases its transaction (at close or when exhausted). */
    void released(LmdbCursor cursor, long stamp, Thread opener) {
        cursors.remove(cursor);
        mapGate.exitCursor(stamp, opener);
    }

    private Txn<ByteBuffer> beginRead() {
        if (closed) {
            throw closedException();
        }
        return env.txnRead();
    }

    private static ByteBuffer readKey(byte[] key) {
        ByteBuffer buffer = READ_KEY.get();
        buffer.clear();
        buffer.put(key).flip();
        return buffer;
    }

    static byte[] copy(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.get(buffer.position(), out);
        return out;
    }

    private boolean storable(byte[] key) {
        return key.length > 0 && key.length <= maxKeyBytes;
    }

    @Override
    public void put(byte[] key, byte[] value) {
        Objects.requireNonNull(value, "value");
        checkWritableKey(key);
        apply(scope -> scope.put(key, 0, key.length, value, 0, value.length));
    }

    @Override
    public void delete(byte[] key) {
        checkWritableKey(key);
        apply(scope -> scope.delete(key, 0, key.length));
    }

    @Override
    public Batch newBatch() {
        ensureWritable();
        return new LmdbBatch(this);
    }

    /**
     * Rejects a key LMDB cannot store, before anything is queued or written.
     *
     * @throws NullPointerException for a null key
     * @throws StoreException       for an empty key or one longer than {@link #maxKeySize()}
     */
    void checkWritableKey(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length == 0) {
            throw new StoreException("lmdb keys must not be empty (LMDB rejects zero-length keys with"
                    + " MDB_BAD_VALSIZE); store " + directory + " cannot hold the empty key, use a store such as"
                    + " rocksdb if you need it");
        }
        if (key.length > maxKeyBytes) {
            throw new StoreException("lmdb keys are at most " + maxKeyBytes + " bytes; this key has " + key.length
                    + " (store " + directory + "); shorten or hash such keys, or use a store such as rocksdb");
        }
    }

    private void ensureWritable() {
        if (closed) {
            throw closedException();
        }
        if (readOnly) {
            throw new ReadOnlyException("lmdb store at " + directory + " (opened read-only)");
        }
    }

    /** Writes that run inside one write transaction; may run more than once (after a map growth). */
    @FunctionalInterface
    interface WriteOps {
        void applyTo(WriteScope scope);
    }

    /** The put/delete primitives of the write transaction in progress; only used under the writer lock. */
    final class WriteScope {
        private Txn<ByteBuffer> txn;

        void put(byte[] key, int keyOffset, int keyLength, byte[] value, int valueOffset, int valueLength) {
            writeKey.clear();
            writeKey.put(key, keyOffset, keyLength).flip();
            if (valueLength == 0) {
                dbi.put(txn, writeKey, emptyValue);
            } else {
                // MDB_RESERVE hands back the value's place in the map: one copy, straight from the array.
                dbi.reserve(txn, writeKey, valueLength).put(value, valueOffset, valueLength);
            }
        }

        void delete(byte[] key, int keyOffset, int keyLength) {
            writeKey.clear();
            writeKey.put(key, keyOffset, keyLength).flip();
            dbi.delete(txn, writeKey);
        }
    }

    /**
     * Runs {@code ops} in one write transaction and commits it; all or nothing. Grows the map and
     * retries from scratch when the transaction runs out of map.
     */
    void apply(WriteOps ops) {
        ensureWritable();
        writer.lock();
        try {
            while (true) {
                long stamp = enter();
                boolean mapFull = false;
                boolean resized = false;
                try (Txn<ByteBuffer> txn = env.txnWrite()) {
                    writeScope.txn = txn;
                    try {
                        ops.applyTo(writeScope);
                        txn.commit();
                        return;
                    } catch (Env.MapFullException e) {
                        mapFull = true; // the transaction is aborted by close(); nothing was written
                    }
                } catch (Dbi.MapResizedException e) {
                    resized = true; // another process grew the map: adopt its size, then retry
                } catch (LmdbException e) {
                    throw failure("write", e);
                } finally {
                    writeScope.txn = null;
                    mapGate.exit(stamp);
                }
                if (mapFull) {
                    mapGrowth.grow();
                } else if (resized) {
                    mapGrowth.adoptRecordedSize();
                }
            }
        } finally {
            writer.unlock();
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Here: walks every entry in one read transaction, checking that keys come in strictly increasing
     * order; an LMDB error on the way ({@code MDB_CORRUPTED}, {@code MDB_PAGE_NOTFOUND}) is damage in
     * {@code data.mdb}. The report always says that values are not checked: LMDB keeps no checksums.
     */
    @Override
    public VerifyReport verify() {
        long stamp = enter();
        try {
            return LmdbVerification.run(this::beginRead, dbi, directory, toString());
        } finally {
            mapGate.exit(stamp);
        }
    }

    /**
     * Copies the store, compacted ({@code MDB_CP_COMPACT}), into the new directory {@code target} from
     * one read transaction, so the copy holds exactly the transactions committed before it began. Writers
     * keep running meanwhile; a map growth waits for the copy. The copy is flushed to disk before this
     * returns and opens as {@code lmdb:<target>}.
     */
    @Override
    public void checkpoint(Path target) {
        Path copy = LmdbCheckpoint.checkTarget(target);
        long stamp = enter();
        try {
            LmdbCheckpoint.write(env, directory, copy);
        } finally {
            mapGate.exit(stamp);
        }
    }

    /** The longest key this store accepts: {@link #MAX_KEY_BYTES} unless LMDB was built otherwise. */
    public int maxKeySize() {
        return maxKeyBytes;
    }

    /** The current size of the memory map in bytes (grows as the store fills). */
    public long mapSize() {
        return mapGrowth.size();
    }

    /** The store's directory. */
    public Path directory() {
        return directory;
    }

    /** Whether the store was opened read-only. */
    public boolean isReadOnly() {
        return readOnly;
    }

    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        closed = true;
        for (LmdbCursor cursor : cursors) {
            cursor.close();
        }
        long stamp = mapGate.enterExclusive(); // waits for gets, writes and checkpoints in flight
        try {
            if (!readOnly) {
                env.sync(true); // sync=none/nometa defer flushes; a clean close leaves everything on disk
            }
        } catch (LmdbException e) {
            LOG.warn("lmdb store at {}: final flush failed: {}", directory, e.toString());
        } finally {
            LmdbOpener.release(directory, env, writerLock); // only after the final flush: another writer may start
            mapGate.exitExclusive(stamp);
        }
    }

    /** Takes a shared hold on the map for one call, or throws when the store is closed. */
    private long enter() {
        long stamp = mapGate.enter();
        if (closed) {
            mapGate.exit(stamp);
            throw closedException();
        }
        return stamp;
    }

    boolean isClosed() {
        return closed;
    }

    StoreClosedException closedException() {
        return new StoreClosedException("lmdb store at " + directory);
    }

    StoreException failure(String action, LmdbException e) {
        return LmdbErrors.translate(e, directory, action, options.maxReaders(), maxKeyBytes);
    }

    /** How many cursors are open, for the message of a growth they blocked. */
    int openCursors() {
        return cursors.size();
    }

    @Override
    public String toString() {
        return "lmdb:" + directory;
    }
}
