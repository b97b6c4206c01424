package org.ethercattle.examples.mvstore;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.ethercattle.api.Batch;
import org.ethercattle.api.KeyValueWriter;
import org.ethercattle.api.StoreClosedException;

/** Writes queued in memory (as copies) and handed to {@link MvStoreDatabase#apply} whole by {@link #write()}. */
final class MvStoreBatch implements Batch {

    /** One queued write: a put, or a delete when {@code value} is {@code null}. */
    record Op(byte[] key, byte[] value) {
        Op {
            Objects.requireNonNull(key, "key");
        }

        long bytes() {
            return key.length + (value == null ? 0 : value.length);
        }
    }

    private final MvStoreDatabase database;
    private final List<Op> ops = new ArrayList<>();
    private long valueSize;
    private boolean closed;

    MvStoreBatch(MvStoreDatabase database) {
        this.database = database;
    }

    @Override
    public void put(byte[] key, byte[] value) {
        Objects.requireNonNull(value, "value");
        queue(new Op(Objects.requireNonNull(key, "key").clone(), value.clone()));
    }

    @Override
    public void delete(byte[] key) {
        queue(new Op(Objects.requireNonNull(key, "key").clone(), null));
    }

    private void queue(Op op) {
        ensureOpen();
        ops.add(op);
        valueSize += op.bytes();
    }

    @Override
    public long valueSize() {
        ensureOpen();
        return valueSize;
    }

    @Override
    public int count() {
        ensureOpen();
        return ops.size();
    }

    /** Applies every queued write atomically; the batch keeps them (geth semantics). */
    @Override
    public void write() {
        ensureOpen();
        database.apply(ops); // the map keeps these arrays, and nothing here changes them afterwards
    }

    @Override
    public void reset() {
        ensureOpen();
        ops.clear();
        valueSize = 0;
    }

    @Override
    public void replay(KeyValueWriter writer) {
        ensureOpen();
        for (Op op : ops) {
            if (op.value() == null) {
                writer.delete(op.key());
            } else {
                writer.put(op.key(), op.value());
            }
        }
    }

    @Override
    public void close() {
        closed = true;
    }

    private void ensureOpen() {
        if (closed) {
            throw new StoreClosedException("batch of " + database);
        }
        database.ensureOpen();
    }
}
