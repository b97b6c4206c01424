package org.ethercattle.core.memory;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.ethercattle.api.Batch;
import org.ethercattle.api.Cursor;
import org.ethercattle.api.Database;
import org.ethercattle.api.ReadOnlyException;
import org.ethercattle.api.StoreClosedException;
import org.ethercattle.api.StoreException;
import org.ethercattle.api.spi.OpenMode;

/**
 * A pure-Java in-memory {@link Database}, for tests and one-process demos ({@code memory:<name>}).
 *
 * <h2>Named stores</h2>
 * Data lives in a JVM-wide registry by name: every handle opened on one name sees the same data, and
 * closing a handle leaves the data in place, so a later {@link #open} of the name finds it again (this is
 * how a demo shares one store between a master and a replica, and how a test reopens a store). The data
 * is dropped only by {@link #discard(String)} or when the JVM exits. The empty name opens a private store
 * that no other handle can reach.
 *
 * <h2>Consistency</h2>
 * Keys sort by unsigned lexicographic byte order. Every write, single or batch, holds the store's write
 * lock, and a cursor copies its key range under the read lock when it is opened: a cursor sees a snapshot
 * as of its creation and never part of a batch. Gets take no lock and see every completed write.
 *
 * <p>Arrays are copied in and out. Thread-safe. {@link #close()} is idempotent; any other call after it
 * throws {@link StoreClosedException}. A handle opened {@link OpenMode#READ_ONLY} throws
 * {@link ReadOnlyException} from {@link #put}, {@link #delete} and {@link #newBatch()}.
 */
public final class MemoryDatabase implements Database {

    private static final ConcurrentMap<String, MemoryStore> NAMED = new ConcurrentHashMap<>();

    private final MemoryStore store;
    private final OpenMode mode;
    private volatile boolean closed;

    private MemoryDatabase(MemoryStore store, OpenMode mode) {
        this.store = store;
        this.mode = mode;
    }

    /**
     * Opens a handle on the store called {@code name}, creating it in {@link OpenMode#READ_WRITE} when it
     * does not exist yet; the empty name always makes a new private store.
     *
     * @throws StoreException if {@code mode} is {@link OpenMode#READ_ONLY} and no store has that name
     */
    public static MemoryDatabase open(String name, OpenMode mode) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mode, "mode");
        if (name.isEmpty()) {
            return new MemoryDatabase(new MemoryStore(""), mode);
        }
        MemoryStore store = mode == OpenMode.READ_WRITE
                ? NAMED.computeIfAbsent(name, MemoryStore::new)
                : NAMED.get(name);
        if (store == null) {
            throw new StoreException("no in-memory store named '" + name + "' exists in this JVM, and read-only"
                    + " mode does not create one; open memory:" + name + " read-write first");
        }
        return new MemoryDatabase(store, mode);
    }

    /** Opens a new private store nobody else can reach. */
    public static MemoryDatabase open() {
        return open("", OpenMode.READ_WRITE);
    }

    /**
     * Forgets the store called {@code name}: the next {@link #open} of that name starts empty. Handles
     * still open keep working on the old data. Returns whether a store had that name.
     */
    public static boolean discard(String name) {
        return NAMED.remove(name) != null;
    }

    /** The store's name; empty for a private store. */
    public String name() {
        return store.name();
    }

    @Override
    public byte[] get(byte[] key) {
        Objects.requireNonNull(key, "key");
        ensureOpen();
        byte[] value = store.get(key);
        return value == null ? null : value.clone();
    }

    @Override
    public boolean has(byte[] key) {
        Objects.requireNonNull(key, "key");
        ensureOpen();
        return store.get(key) != null;
    }

    @Override
    public void put(byte[] key, byte[] value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        ensureWritable();
        store.put(key.clone(), value.clone());
    }

    @Override
    public void delete(byte[] key) {
        Objects.requireNonNull(key, "key");
        ensureWritable();
        store.delete(key);
    }

    @Override
    public Batch newBatch() {
        ensureWritable();
        return new MemoryBatch(this);
    }

    @Override
    public Cursor cursor(byte[] prefix, byte[] start) {
        ensureOpen();
        return new MemoryCursor(this, store.snapshot(prefix == null ? new byte[0] : prefix,
                start == null ? new byte[0] : start));
    }

    @Override
    public void close() {
        closed = true;
    }

    void apply(List<MemoryBatch.QueuedOp> ops) {
        ensureWritable();
        store.apply(ops);
    }

    void ensureOpen() {
        if (closed) {
            throw new StoreClosedException(describe());
        }
    }

    private void ensureWritable() {
        ensureOpen();
        if (mode == OpenMode.READ_ONLY) {
            throw new ReadOnlyException(describe());
        }
    }

    String describe() {
        return store.name().isEmpty() ? "private in-memory store" : "in-memory store memory:" + store.name();
    }

    @Override
    public String toString() {
        return describe() + (mode == OpenMode.READ_ONLY ? " (read-only)" : "") + (closed ? " (closed)" : "");
    }
}
