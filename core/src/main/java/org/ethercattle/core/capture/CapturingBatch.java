package org.ethercattle.core.capture;

import java.util.ArrayList;
import java.util.List;
import org.ethercattle.api.Batch;
import org.ethercattle.api.KeyValueWriter;
import org.ethercattle.api.record.Op;

/**
 * A batch of a {@link CapturingDatabase}: queues writes in the store's own batch and keeps them as
 * ops, so that {@link #write()} appends them as one record before writing locally. Keys and values
 * are copied when queued (callers may reuse their arrays). Not thread-safe, like every batch.
 */
final class CapturingBatch implements Batch {

    private final CapturingDatabase database;
    private final Batch local;
    private final List<Op> ops = new ArrayList<>();

    CapturingBatch(CapturingDatabase database, Batch local) {
        this.database = database;
        this.local = local;
    }

    @Override
    public void put(byte[] key, byte[] value) {
        database.checkWritable(key);
        local.put(key, value);
        ops.add(Op.put(key.clone(), value.clone()));
    }

    @Override
    public void delete(byte[] key) {
        database.checkWritable(key);
        local.delete(key);
        ops.add(Op.delete(key.clone()));
    }

    @Override
    public long valueSize() {
        return local.valueSize();
    }

    @Override
    public int count() {
        return local.count();
    }

    /** Appends every queued op as one record, then writes them locally; see {@link CapturingDatabase}. */
    @Override
    public void write() {
        database.writeBatch(ops, local);
    }

    @Override
    public void reset() {
        local.reset();
        ops.clear();
    }

    @Override
    public void replay(KeyValueWriter writer) {
        local.replay(writer);
    }

    @Override
    public void close() {
        local.close();
        ops.clear();
    }
}
