package org.ethercattle.core;

import java.util.List;
import java.util.Objects;
import org.ethercattle.api.Batch;
import org.ethercattle.api.BulkLoadable;
import org.ethercattle.api.Cursor;
import org.ethercattle.api.Database;
import org.ethercattle.api.StoreGauges;
import org.ethercattle.api.Verifiable;
import org.ethercattle.api.VerifyReport;

/**
 * A database that passes every call to a wrapped one: the base for decorators that change one thing
 * (time batch writes, fail a chosen write in a test) and leave the rest alone. Owns the wrapped store:
 * {@link #close()} closes it. Thread-safe as the wrapped store is.
 *
 * <p>It passes on the {@link BulkLoadable} hint too, so that a decorator never hides it from the replayer;
 * over a store without that capability the hint does nothing. Likewise it offers the wrapped store's
 * {@link StoreGauges}, none when the store has none, and its {@link Verifiable} pass (a report saying it
 * has none when it has none).
 */
public abstract class ForwardingDatabase implements Database, BulkLoadable, StoreGauges, Verifiable {

    private final Database delegate;

    protected ForwardingDatabase(Database delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The wrapped store. */
    protected final Database delegate() {
        return delegate;
    }

    @Override
    public byte[] get(byte[] key) {
        return delegate.get(key);
    }

    @Override
    public boolean has(byte[] key) {
        return delegate.has(key);
    }

    @Override
    public void put(byte[] key, byte[] value) {
        delegate.put(key, value);
    }

    @Override
    public void delete(byte[] key) {
        delegate.delete(key);
    }

    @Override
    public Batch newBatch() {
        return delegate.newBatch();
    }

    @Override
    public Cursor cursor(byte[] prefix, byte[] start) {
        return delegate.cursor(prefix, start);
    }

    @Override
    public void beginBulkLoad() {
        if (delegate instanceof BulkLoadable bulk) {
            bulk.beginBulkLoad();
        }
    }

    @Override
    public void endBulkLoad() {
        if (delegate instanceof BulkLoadable bulk) {
            bulk.endBulkLoad();
        }
    }

    @Override
    public boolean deferredUpkeepPending() {
        return delegate instanceof BulkLoadable bulk && bulk.deferredUpkeepPending();
    }

    @Override
    public List<String> gaugeNames() {
        return StoreGauges.of(delegate).gaugeNames();
    }

    @Override
    public double gauge(String name) {
        return StoreGauges.of(delegate).gauge(name);
    }

    @Override
    public VerifyReport verify() {
        return Verifiable.of(delegate);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
