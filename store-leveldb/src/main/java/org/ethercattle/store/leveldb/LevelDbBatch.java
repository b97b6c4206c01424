package org.ethercattle.store.leveldb;

import java.util.Arrays;
import java.util.Objects;
import org.ethercattle.api.Batch;
import org.ethercattle.api.KeyValueWriter;
import org.ethercattle.api.StoreClosedException;

/**
 * A {@link Batch} for {@link LevelDbDatabase}. Writes are queued as copies on the Java heap and turned
 * into one native LevelDB write batch inside {@link #write()}: leveldbjni cannot read a native batch
 * back, which {@link #replay(KeyValueWriter)} needs, and a batch that owns no native memory cannot be
 * left dangling by a concurrent close of its database.
 *
 * <p>Not thread-safe. After {@link #close()}, or once the database is closed, every call but
 * {@code close()} throws {@link StoreClosedException}.
 */
final class LevelDbBatch implements Batch {

    private static final int INITIAL_CAPACITY = 64;

    private final LevelDbDatabase database;
    private byte[][] keys = new byte[INITIAL_CAPACITY][];
    // null marks a delete
    private byte[][] values = new byte[INITIAL_CAPACITY][];
    private int count;
    private long valueSize;
    private boolean closed;

    LevelDbBatch(LevelDbDatabase database) {
        this.database = database;
    }

    @Override
    public void put(byte[] key, byte[] value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        requireOpen();
        add(key.clone(), value.clone());
        valueSize += key.length + value.length;
    }

    @Override
    public void delete(byte[] key) {
        Objects.requireNonNull(key, "key");
        requireOpen();
        add(key.clone(), null);
        valueSize += key.length;
    }

    private void add(byte[] key, byte[] value) {
        if (count == keys.length) {
            int capacity = keys.length * 2;
            keys = Arrays.copyOf(keys, capacity);
            values = Arrays.copyOf(values, capacity);
        }
        keys[count] = key;
        values[count] = value;
        count++;
    }

    @Override
    public long valueSize() {
        requireOpen();
        return valueSize;
    }

    @Override
    public int count() {
        requireOpen();
        return count;
    }

    /** {@inheritDoc} Keeps the queued writes, so writing again applies them again. */
    @Override
    public void write() {
        requireOpen();
        database.write(keys, values, count, valueSize);
    }

    @Override
    public void reset() {
        requireOpen();
        clear();
    }

    @Override
    public void replay(KeyValueWriter writer) {
        Objects.requireNonNull(writer, "writer");
        requireOpen();
        for (int i = 0; i < count; i++) {
            // no copies: a KeyValueWriter reads its arguments during the call and keeps none of them
            if (values[i] == null) {
                writer.delete(keys[i]);
            } else {
                writer.put(keys[i], values[i]);
            }
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            clear();
        }
    }

    private void clear() {
        Arrays.fill(keys, 0, count, null);
        Arrays.fill(values, 0, count, null);
        count = 0;
        valueSize = 0;
    }

    private void requireOpen() {
        if (closed) {
            throw new StoreClosedException("leveldb batch for " + database);
        }
        database.requireOpen();
    }
}
