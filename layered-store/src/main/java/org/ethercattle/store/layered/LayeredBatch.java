package org.ethercattle.store.layered;

import java.util.Objects;
import org.ethercattle.api.Batch;
import org.ethercattle.api.KeyValueWriter;
import org.ethercattle.api.StoreClosedException;

/**
 * A batch of a {@link LayeredDatabase}: one batch of the top layer that carries tagged values and
 * tombstones, so it is applied exactly as atomically as the top applies its own batches. Sizes and
 * {@link #replay} are those of the user's writes (untagged). Not thread-safe.
 */
final class LayeredBatch implements Batch {

    private final LayeredDatabase database;
    private final Batch top;
    private long valueSize;
    private boolean closed;

    LayeredBatch(LayeredDatabase database, Batch top) {
        this.database = database;
        this.top = top;
    }

    @Override
    public void put(byte[] key, byte[] value) {
        checkOpen();
        Objects.requireNonNull(key, "key");
        top.put(key, TopValue.wrap(Objects.requireNonNull(value, "value")));
        valueSize += key.length + value.length;
    }

    @Override
    public void delete(byte[] key) {
        checkOpen();
        top.put(Objects.requireNonNull(key, "key"), TopValue.tombstone());
        valueSize += key.length;
    }

    @Override
    public long valueSize() {
        checkOpen();
        return valueSize;
    }

    @Override
    public int count() {
        checkOpen();
        return top.count();
    }

    @Override
    public void write() {
        checkOpen();
        top.write();
    }

    @Override
    public void reset() {
        checkOpen();
        top.reset();
        valueSize = 0;
    }

    @Override
    public void replay(KeyValueWriter writer) {
        checkOpen();
        Objects.requireNonNull(writer, "writer");
        top.replay(new KeyValueWriter() {
            @Override
            public void put(byte[] key, byte[] stored) {
                if (TopValue.isTombstone(stored)) {
                    writer.delete(key);
                } else {
                    writer.put(key, TopValue.unwrap(stored));
                }
            }

            @Override
            public void delete(byte[] key) {
                writer.delete(key);
            }
        });
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            top.close();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new StoreClosedException("batch of " + database.name());
        }
        database.checkOpen();
    }
}
