package org.ethercattle.core;

import java.util.Objects;
import org.ethercattle.api.Batch;
import org.ethercattle.api.Cursor;
import org.ethercattle.api.Database;
import org.ethercattle.api.ReadOnlyException;
import org.ethercattle.api.StoreClosedException;

/**
 * A view of a store that only reads: what a replica hands to its readers while replay alone writes.
 * Reads pass through to the wrapped store; {@link #put}, {@link #delete} and {@link #newBatch()}
 * throw {@link ReadOnlyException}. Owns the wrapped store: {@link #close()} closes it, once.
 * Thread-safe as the wrapped store is.
 */
public final class ReadOnlyDatabase implements Database {

    private final Database store;
    private volatile boolean closed;

    /** Wraps {@code store}, taking ownership of it. */
    public ReadOnlyDatabase(Database store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public byte[] get(byte[] key) {
        checkOpen();
        return store.get(key);
    }

    @Override
    public boolean has(byte[] key) {
        checkOpen();
        return store.has(key);
    }

    @Override
    public Cursor cursor(byte[] prefix, byte[] start) {
        checkOpen();
        return store.cursor(prefix, start);
    }

    /** @throws ReadOnlyException always (or {@link StoreClosedException} after close) */
    @Override
    public void put(byte[] key, byte[] value) {
        checkOpen();
        throw new ReadOnlyException("this replica's store");
    }

    /** @throws ReadOnlyException always (or {@link StoreClosedException} after close) */
    @Override
    public void delete(byte[] key) {
        checkOpen();
        throw new ReadOnlyException("this replica's store");
    }

    /** @throws ReadOnlyException always (or {@link StoreClosedException} after close) */
    @Override
    public Batch newBatch() {
        checkOpen();
        throw new ReadOnlyException("this replica's store");
    }

    /** Closes the wrapped store the first time; later calls do nothing. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        store.close();
    }

    private void checkOpen() {
        if (closed) {
            throw new StoreClosedException("read-only store");
        }
    }
}
