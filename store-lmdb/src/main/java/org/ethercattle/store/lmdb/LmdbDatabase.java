package org.ethercattle.store.lmdb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.ethercattle.api.Batch;
import org.ethercattle.api.Checkpointable;
import org.ethercattle.api.Cursor;
import org.ethercattle.api.Database;
import org.ethercattle.api.ReadOnlyException;
import org.ethercattle.api.StoreClosedException;
import org.ethercattle.api.StoreException;
import org.ethercattle.api.Verifiable;
import org.ethercattle.api.VerifyReport;
import org.ethercattle.api.VerifyReport.Finding;
import org.ethercattle.api.spi.OpenMode;
import org.lmdbjava.ByteBufferProxy;
import org.lmdbjava.CursorIterable;
import org.lmdbjava.CopyFlags;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.LmdbException;
import org.lmdbjava.LmdbNativeException;
import org.lmdbjava.Txn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Database} kept in an LMDB environment (one directory holding {@code data.mdb} and
 * {@code lock.mdb}), through lmdbjava. Opened by {@link LmdbStoreProvider} from {@code lmdb:} specs.
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
    private static final Set<Path> OPEN_DIRECTORIES = ConcurrentHashMap.newKeySet();
    private static final ThreadLocal<ByteBuffer> READ_KEY =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(MAX_KEY_BYTES));
    private static final int EIO = 5;
    private static final int ENOSPC = 28;
    private static final long LOW_DISK_BYTES = 64L << 20;

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
    /** Serializes writers, so a growth never races another writer and writeKey has one user. */
    private final ReentrantLock writer = new ReentrantLock();
    private final ByteBuffer writeKey = ByteBuffer.allocateDirect(MAX_KEY_BYTES);
    private final ByteBuffer emptyValue = ByteBuffer.allocateDirect(0);
    private final WriteScope writeScope = new WriteScope();
    private final Set<LmdbCursor> cursors = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile boolean closed;
    /** The current map size in bytes; changes only under the writer lock and the exclusive gate. */
    private volatile long mapSize;

    private LmdbDatabase(Path directory, LmdbOptions options, boolean readOnly, Env<ByteBuffer> env,
                         Dbi<ByteBuffer> dbi, WriterLock writerLock) {
        this.directory = directory;
        this.writerLock = writerLock;
        this.options = options;
        this.readOnly = readOnly;
        this.env = env;
        this.dbi = dbi;
        this.maxKeyBytes = Math.min(MAX_KEY_BYTES, env.getMaxKeySize());
        this.mapSize = env.info().mapSize;
    }

    /**
     * Opens the store {@code options} names. In {@link OpenMode#READ_ONLY} the store must exist and
     * writes throw {@link ReadOnlyException}; a read-write open takes the store's {@link WriterLock}.
     *
     * @throws StoreException when the store is missing, already open in this JVM, open read-write in
     *                        another process (read-write opens only), not an LMDB store, or cannot be
     *                        opened; the message names the directory and the fix
     */
    static LmdbDatabase open(LmdbOptions options, OpenMode mode) {
        boolean readOnly = mode == OpenMode.READ_ONLY;
        Path directory = prepareDirectory(options, readOnly);
        if (!OPEN_DIRECTORIES.add(directory)) {
            throw new StoreException("lmdb store at " + directory + " is already open in this JVM; LMDB allows"
                    + " one open environment per store and process, so share the open Database instead");
        }
        Env<ByteBuffer> env = null;
        WriterLock writerLock = null;
        try {
            // Locked before LMDB opens anything, so a refused open leaves the owner's files untouched.
            writerLock = readOnly ? null : WriterLock.acquire(directory);
            List<EnvFlags> flags = new ArrayList<>();
            flags.add(EnvFlags.MDB_NOTLS);
            if (readOnly) {
                flags.add(EnvFlags.MDB_RDONLY_ENV);
            } else if (options.sync().flag() != null) {
                flags.add(options.sync().flag());
            }
            env = Env.create(ByteBufferProxy.PROXY_OPTIMAL)
                    .setMapSize(options.mapSize().initial())
                    .setMaxReaders(options.maxReaders())
                    .setMaxDbs(1)
                    .open(directory.toFile(), 0644, flags.toArray(new EnvFlags[0]));
            // The main database compares with memcmp in C; MDB_UNSIGNEDKEY only makes any Java-side
            // comparison lmdbjava does agree with it (unsigned), it is not passed to LMDB.
            Dbi<ByteBuffer> dbi = env.openDbi((byte[]) null, DbiFlags.MDB_UNSIGNEDKEY);
            int stale = env.readerCheck(); // reader slots left by crashed processes pin old pages
            if (stale > 0) {
                LOG.info("lmdb store at {}: cleared {} reader slot(s) left by processes that died", directory, stale);
            }
            LmdbDatabase db = new LmdbDatabase(directory, options, readOnly, env, dbi, writerLock);
            LOG.debug("opened lmdb store at {} (map {} bytes, sync {}, {})", directory, db.mapSize,
                    options.sync(), readOnly ? "read-only" : "read-write");
            return db;
        } catch (LmdbException | UnsupportedOperationException | LinkageError e) {
            abandon(directory, env, writerLock);
            throw openFailure(directory, e);
        } catch (RuntimeException e) {
            abandon(directory, env, writerLock);
            throw e;
        }
    }

    /** Undoes a failed open: the environment first, then the lock that kept other writers out of it. */
    private static void abandon(Path directory, Env<ByteBuffer> env, WriterLock writerLock) {
        if (env != null) {
            env.close();
        }
        if (writerLock != null) {
            writerLock.close();
        }
        OPEN_DIRECTORIES.remove(directory);
    }

    /**
     * The metadata file of Cattle's file log (cattle-log-file's {@code LogMetadata.FILE_NAME}, which this
     * module does not depend on): a directory holding it is a log, and LMDB would write data.mdb into it.
     */
    static final String FILE_LOG_MARKER = "cattle-log.properties";

    private static Path prepareDirectory(LmdbOptions options, boolean readOnly) {
        Path directory = options.directory().toAbsolutePath().normalize();
        boolean exists = Files.isDirectory(directory) && Files.exists(directory.resolve("data.mdb"));
        if (Files.exists(directory.resolve(FILE_LOG_MARKER))) {
            throw new StoreException("lmdb store directory " + directory + " holds a Cattle file log ("
                    + FILE_LOG_MARKER + "); a store and a log cannot share a directory: give the store its own"
                    + " directory, e.g. a sibling of the log's");
        }
        if (!exists) {
            if (readOnly) {
                throw new StoreException("no lmdb store at " + directory + " (no data.mdb there); a read-only"
                        + " open needs an existing store: check the path or create the store first");
            }
            if (!options.createIfMissing()) {
                throw new StoreException("no lmdb store at " + directory + " and createIfMissing=false; check the"
                        + " path or drop createIfMissing=false to create it");
            }
            try {
                Files.createDirectories(directory);
            } catch (IOException e) {
                throw new StoreException("cannot create the lmdb store directory " + directory + ": " + e
                        + "; check the path and its permissions", e);
            }
        }
        try {
            return directory.toRealPath();
        } catch (IOException e) {
            throw new StoreException("cannot resolve the lmdb store directory " + directory + ": " + e, e);
        }
    }

    private static StoreException openFailure(Path directory, Throwable e) {
        String hint = e instanceof Env.FileInvalidException
                ? "the directory holds a file that is not an LMDB store; point the spec at an LMDB store"
                : e instanceof Env.VersionMismatchException
                        ? "the store was written by an incompatible LMDB version"
                        : e instanceof LinkageError || e instanceof UnsupportedOperationException
                                ? "lmdbjava needs the JVM flags --add-opens java.base/java.nio=ALL-UNNAMED"
                                        + " --add-opens java.base/sun.nio.ch=ALL-UNNAMED"
                                : "check that the directory is readable and writable and not on a network file"
                                        + " system";
        String cause = e.getMessage() == null ? e.toString() : e.getMessage();
        return new StoreException("cannot open lmdb store at " + directory + ": " + cause + "; " + hint, e);
    }

    // ---------------------------------------------------------------- reads

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
        } catch (LmdbException e) {
            if (txn != null) {
                txn.close();
            }
            mapGate.exitCursor(stamp, opener);
            throw failure("open a cursor", e);
        } catch (RuntimeException e) {
            if (cursor == null) {
                if (txn != null) {
                    txn.close();
                }
                mapGate.exitCursor(stamp, opener);
            }
            throw e;
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

    // ---------------------------------------------------------------- writes

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
                    resize(nextMapSize());
                } else if (resized) {
                    resize(0);
                }
            }
        } finally {
            writer.unlock();
        }
    }

    private long nextMapSize() {
        long current = mapSize;
        long next = options.mapSize().next(current);
        if (next < 0) {
            throw new StoreException("lmdb store at " + directory + " is full: its map reached " + current
                    + " bytes and mapSizeMax=" + options.mapSize().max() + " forbids growing it; the failed write"
                    + " left the store unchanged. Raise mapSizeMax in the spec (e.g. lmdb:" + directory
                    + "?mapSizeMax=" + MapSizePolicy.align(Math.max(current * 2, current + (1L << 30))) + ")");
        }
        return next;
    }

    /** Re-maps to {@code next} bytes, or to the size another process recorded when {@code next} is 0. */
    private void resize(long next) {
        long current = mapSize;
        long stamp;
        try {
            stamp = mapGate.tryEnterExclusive(options.growWait());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting to grow the map of lmdb store at " + directory, e);
        }
        if (stamp == 0) {
            throw new StoreException("lmdb store at " + directory + " needs a larger map (now " + current
                    + " bytes) but " + cursors.size() + " open cursor(s) or a checkpoint kept it pinned for growWait="
                    + options.growWait() + "; close cursors before writing, or open the store with a larger"
                    + " mapSize so it need not grow; the failed write left the store unchanged");
        }
        try {
            if (closed) {
                throw closedException();
            }
            env.setMapSize(next);
            mapSize = env.info().mapSize;
            LOG.info("lmdb store at {}: map grown from {} to {} bytes", directory, current, mapSize);
        } catch (LmdbException e) {
            throw new StoreException("lmdb store at " + directory + " could not grow its map from " + current
                    + " to " + next + " bytes: " + e.getMessage() + "; the failed write left the store unchanged."
                    + " Set mapSizeMax to a size the machine can map, or free memory/address space", e);
        } finally {
            mapGate.exitExclusive(stamp);
        }
    }

    // ---------------------------------------------------------------- verify

    /**
     * {@inheritDoc}
     *
     * <p>Here: walks every entry in one read transaction, checking that keys come in strictly increasing
     * order; an LMDB error on the way ({@code MDB_CORRUPTED}, {@code MDB_PAGE_NOTFOUND}) is damage in
     * {@code data.mdb}. The report always says that values are not checked: LMDB keeps no checksums.
     */
    @Override
    public VerifyReport verify() {
        String dataFile = directory.resolve("data.mdb").toString();
        Finding noChecksums = Finding.unchecked(dataFile, "LMDB keeps no checksums, so damaged values cannot be"
                + " detected; compare this store with another replica (e.g. cattle copy into a fresh store of another"
                + " replica's snapshot, or a keyspace comparison)");
        long entries = 0;
        long stamp = enter();
        try (Txn<ByteBuffer> txn = beginRead(); CursorIterable<ByteBuffer> all = dbi.iterate(txn)) {
            byte[] previous = null;
            for (CursorIterable.KeyVal<ByteBuffer> entry : all) {
                byte[] key = copy(entry.key());
                if (previous != null && java.util.Arrays.compareUnsigned(previous, key) >= 0) {
                    return VerifyReport.of(toString(), noChecksums, Finding.damage(dataFile, "keys out of order after "
                            + entries + " entries: the B-tree is damaged; restore the store from a snapshot"));
                }
                previous = key;
                entries++;
            }
        } catch (LmdbException e) {
            return VerifyReport.of(toString(), noChecksums, Finding.damage(dataFile, "reading entry " + (entries + 1)
                    + " failed: " + e.getMessage()));
        } finally {
            mapGate.exit(stamp);
        }
        return VerifyReport.of(toString(), noChecksums, Finding.checked(dataFile, "every entry readable in key order ("
                + entries + " entries); the B-tree is intact"));
    }

    // ---------------------------------------------------------------- checkpoint

    /**
     * Copies the store, compacted ({@code MDB_CP_COMPACT}), into the new directory {@code target} from
     * one read transaction, so the copy holds exactly the transactions committed before it began. Writers
     * keep running meanwhile; a map growth waits for the copy. The copy is flushed to disk before this
     * returns and opens as {@code lmdb:<target>}.
     */
    @Override
    public void checkpoint(Path target) {
        Objects.requireNonNull(target, "target");
        Path absolute = target.toAbsolutePath().normalize();
        if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
            throw new StoreException("checkpoint target " + absolute + " already exists; choose a new directory"
                    + " (its parent must exist)");
        }
        Path parent = absolute.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new StoreException("checkpoint target " + absolute + " has no parent directory; create "
                    + parent + " first");
        }
        long stamp = enter();
        try {
            Files.createDirectory(absolute);
            env.copy(absolute.toFile(), CopyFlags.MDB_CP_COMPACT);
            force(absolute.resolve("data.mdb"), false);
            force(absolute, true);
        } catch (IOException | LmdbException | UncheckedIOException e) {
            deleteQuietly(absolute);
            throw new StoreException("checkpoint of lmdb store at " + directory + " into " + absolute
                    + " failed: " + e.getMessage() + "; check free space and permissions there (the partial copy"
                    + " was removed)", e);
        } finally {
            mapGate.exit(stamp);
        }
    }

    private static void force(Path path, boolean directory) throws IOException {
        try (FileChannel channel = directory
                ? FileChannel.open(path, StandardOpenOption.READ)
                : FileChannel.open(path, StandardOpenOption.WRITE)) {
            channel.force(true);
        } catch (IOException e) {
            if (!directory) {
                throw e;
            }
            // Some file systems cannot fsync a directory; the file itself is durable.
        }
    }

    private static void deleteQuietly(Path root) {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    LOG.warn("could not remove {} after a failed checkpoint: {}", p, e.toString());
                }
            });
        } catch (IOException e) {
            LOG.warn("could not remove {} after a failed checkpoint: {}", root, e.toString());
        }
    }

    // ---------------------------------------------------------------- lifecycle and errors

    /** The longest key this store accepts: {@link #MAX_KEY_BYTES} unless LMDB was built otherwise. */
    public int maxKeySize() {
        return maxKeyBytes;
    }

    /** The current size of the memory map in bytes (grows as the store fills). */
    public long mapSize() {
        return mapSize;
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
            env.close();
            if (writerLock != null) {
                writerLock.close(); // only after the final flush: another writer may start at once
            }
            OPEN_DIRECTORIES.remove(directory);
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
        String hint;
        if (e instanceof Env.ReadersFullException) {
            hint = "all " + options.maxReaders() + " reader slots are in use; close cursors sooner or raise"
                    + " maxReaders in the spec (e.g. maxReaders=" + options.maxReaders() * 2 + ")";
        } else if (e instanceof Dbi.MapResizedException) {
            hint = "another process grew the store's map; close and reopen the store here";
        } else if (e instanceof Txn.TxFullException) {
            hint = "the batch touches more pages than one LMDB transaction can hold; write it as smaller batches";
        } else if (e instanceof Dbi.BadValueSizeException) {
            hint = "LMDB keys must be 1.." + maxKeyBytes + " bytes";
        } else if (e instanceof LmdbNativeException n && (n.getResultCode() == ENOSPC || n.getResultCode() == EIO)) {
            long free = usableSpace();
            // LMDB reports a short write of a full disk as EIO, so look at the free space to tell them apart.
            hint = n.getResultCode() == ENOSPC || (free >= 0 && free < LOW_DISK_BYTES)
                    ? "the disk is full (" + free + " bytes free on the volume holding " + directory + "); free space"
                            + " there and retry: the failed write was not committed and the store is intact"
                    : "an I/O error on the volume holding " + directory + "; check the disk (kernel log); the failed"
                            + " write was not committed";
        } else {
            hint = "the store may be damaged; restore it from a snapshot if this repeats";
        }
        return new StoreException("lmdb store at " + directory + ": " + action + " failed: " + e.getMessage()
                + "; " + hint, e);
    }

    private long usableSpace() {
        try {
            return Files.getFileStore(directory).getUsableSpace();
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public String toString() {
        return "lmdb:" + directory;
    }
}
