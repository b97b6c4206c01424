package org.ethercattle.core.replay;

import java.util.concurrent.atomic.AtomicInteger;
import org.ethercattle.api.Batch;
import org.ethercattle.api.Cursor;
import org.ethercattle.api.Database;
import org.ethercattle.api.KeyValueWriter;
import org.ethercattle.api.StoreException;

/**
 * A real store whose N-th batch {@code write()} throws before applying anything, as a crash between
 * two commits would leave it; it also counts batch writes. Everything else passes through.
 */
final class FailingBatchDatabase implements Database {

    private final Database store;
    private final int failingWrite;
    final AtomicInteger batchWrites = new AtomicInteger();

    /** @param failingWrite the 1-based batch write that fails, or 0 for none */
    FailingBatchDatabase(Database store, int failingWrite) {
        this.store = store;
        this.failingWrite = failingWrite;
    }

    @Override
    public byte[] get(byte[] key) {
        return store.get(key);
    }

    @Override
    public boolean has(byte[] key) {
        return store.has(key);
    }

    @Override
    public void put(byte[] key, byte[] value) {
        store.put(key, value);
    }

    @Override
    public void delete(byte[] key) {
        store.delete(key);
    }

    @Override
    public Cursor cursor(byte[] prefix, byte[] start) {
        return store.cursor(prefix, start);
    }

    @Override
    public void close() {
        store.close();
    }

    @Override
    public Batch newBatch() {
        Batch batch = store.newBatch();
        return new Batch() {
            @Override
            public void put(byte[] key, byte[] value) {
                batch.put(key, value);
            }

            @Override
            public void delete(byte[] key) {
                batch.delete(key);
            }

            @Override
            public long valueSize() {
                return batch.valueSize();
            }

            @Override
            public int count() {
                return batch.count();
            }

            @Override
            public void write() {
                if (batchWrites.incrementAndGet() == failingWrite) {
                    throw new StoreException("simulated crash at batch write " + failingWrite);
                }
                batch.write();
            }

            @Override
            public void reset() {
                batch.reset();
            }

            @Override
            public void replay(KeyValueWriter writer) {
                batch.replay(writer);
            }

            @Override
            public void close() {
                batch.close();
            }
        };
    }
}
