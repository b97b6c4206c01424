package org.ethercattle.store.rocksdb;

import java.util.Objects;
import org.ethercattle.api.Batch;
import org.ethercattle.api.KeyValueWriter;
import org.ethercattle.api.StoreClosedException;

/**
 * A {@link Batch} of a {@link RocksDbDatabase}: operations queue on the Java heap
 * ({@link WriteBatchBuffer}) and {@link #write()} hands them to RocksDB as one native
 * {@code WriteBatch} in one {@code DB::Write}, which is atomic, also across a crash.
 *
 * <p>Holds no native memory between writes, so closing it (or its database) frees nothing that another
 * thread could still be using. Not thread-safe: one thread at a time, as the {@link Batch} contract says.
 */
final class RocksDbBatch implements Batch {

    private final RocksDbDatabase database;
    private WriteBatchBuffer buffer = new WriteBatchBuffer();

    RocksDbBatch(RocksDbDatabase database) {
        this.database = database;
    }

    @Override
    public void put(byte[] key, byte[] value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        open().put(key, value);
    }

    @Override
    public void delete(byte[] key) {
        Objects.requireNonNull(key, "key");
        open().delete(key);
    }

    @Override
    public long valueSize() {
        return open().valueSize();
    }

    @Override
    public int count() {
        return open().count();
    }

    @Override
    public void write() {
        WriteBatchBuffer queued = open();
        if (queued.count() > 0) {
            database.write(queued.serializedInKeyOrder());
        }
    }

    @Override
    public void reset() {
        open().reset();
    }

    @Override
    public void replay(KeyValueWriter writer) {
        Objects.requireNonNull(writer, "writer");
        open().replay(writer);
    }

    @Override
    public void close() {
        buffer = null;
    }

    private WriteBatchBuffer open() {
        WriteBatchBuffer queued = buffer;
        if (queued == null) {
            throw new StoreClosedException("batch of rocksdb store at " + database.path());
        }
        if (database.isClosed()) {
            buffer = null;
            throw new StoreClosedException("rocksdb store at " + database.path());
        }
        return queued;
    }
}
