package org.ethercattle.core;

import java.util.Objects;
import org.ethercattle.api.Batch;
import org.ethercattle.api.KeyValueWriter;

/**
 * A batch that passes every call to a wrapped one, for decorators returned by a
 * {@link ForwardingDatabase}'s {@code newBatch()}. {@link #close()} closes the wrapped batch.
 */
public abstract class ForwardingBatch implements Batch {

    private final Batch delegate;

    protected ForwardingBatch(Batch delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
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
    public long valueSize() {
        return delegate.valueSize();
    }

    @Override
    public int count() {
        return delegate.count();
    }

    @Override
    public void write() {
        delegate.write();
    }

    @Override
    public void reset() {
        delegate.reset();
    }

    @Override
    public void replay(KeyValueWriter writer) {
        delegate.replay(writer);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
