package org.ethercattle.core.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.ethercattle.api.Batch;
import org.ethercattle.api.KeyValueWriter;
import org.ethercattle.api.StoreClosedException;

/** Writes queued for a {@link MemoryDatabase}, applied under its store's write lock. Not thread-safe. */
final class MemoryBatch implements Batch {

    /** A queued put, or a delete when {@code value} is null. The arrays are private copies. */
    record QueuedOp(byte[] key, byte[] value) {}

    private final MemoryDatabase database;
    private final List<QueuedOp> ops = new ArrayList<>();
    private long valueSize;
    private boolean closed;

    MemoryBatch(MemoryDatabase database) {
        this.database = database;
    }

    @Override
    public void put(byte[] key, byte[] value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        ensureOpen();
        ops.add(new QueuedOp(key.clone(), value.clone()));
        valueSize += key.length + value.length;
    }

    @Override
    public void delete(byte[] key) {
        Objects.requireNonNull(key, "key");
        ensureOpen();
        ops.add(new QueuedOp(key.clone(), null));
        valueSize += key.length;
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

    /** Applies the queued writes; they stay queued (geth semantics), and the store never shares them with the batch. */
    @Override
    public void write() {
        ensureOpen();
        List<QueuedOp> copies = new ArrayList<>(ops.size());
        for (QueuedOp op : ops) {
            // The store keeps what it is given; a second write() of this batch must not share arrays with the first.
            copies.add(new QueuedOp(op.key().clone(), op.value() == null ? null : op.value().clone()));
        }
        database.apply(copies);
    }

    @Override
    public void reset() {
        ensureOpen();
        ops.clear();
        valueSize = 0;
    }

    /** Hands each queued write to {@code writer} in order, as copies the writer may keep. */
    @Override
    public void replay(KeyValueWriter writer) {
        Objects.requireNonNull(writer, "writer");
        ensureOpen();
        for (QueuedOp op : ops) {
            if (op.value() == null) {
                writer.delete(op.key().clone());
            } else {
                writer.put(op.key().clone(), op.value().clone());
            }
        }
    }

    @Override
    public void close() {
        closed = true;
    }

    private void ensureOpen() {
        if (closed) {
            throw new StoreClosedException("batch of " + database.describe());
        }
        database.ensureOpen();
    }
}
