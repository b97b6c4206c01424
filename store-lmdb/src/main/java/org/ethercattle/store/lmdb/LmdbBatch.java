package org.ethercattle.store.lmdb;

import java.util.Arrays;
import java.util.Objects;
import org.ethercattle.api.Batch;
import org.ethercattle.api.KeyValueWriter;
import org.ethercattle.api.StoreClosedException;

/**
 * A {@link Batch} for {@link LmdbDatabase}. LMDB has no batch object, so writes are queued here, copied
 * into one growing array ({@code [op][key length][key]([value length][value])} per write, no object per
 * write), and applied in ONE write transaction by {@link #write()}: all or nothing.
 *
 * <p>Keys LMDB cannot store (empty, or longer than {@link LmdbDatabase#maxKeySize()}) are rejected when
 * queued, so a batch that was accepted can always be written. Not thread-safe.
 */
final class LmdbBatch implements Batch {

    private static final byte PUT = 1;
    private static final byte DELETE = 2;

    private final LmdbDatabase db;
    private byte[] queue = new byte[1024];
    private int used;
    private int count;
    private long valueSize;
    private boolean closed;

    LmdbBatch(LmdbDatabase db) {
        this.db = db;
    }

    @Override
    public void put(byte[] key, byte[] value) {
        ensureOpen();
        Objects.requireNonNull(value, "value");
        db.checkWritableKey(key);
        reserve(1 + 4 + key.length + 4 + value.length);
        queue[used++] = PUT;
        append(key);
        append(value);
        count++;
        valueSize += key.length + value.length;
    }

    @Override
    public void delete(byte[] key) {
        ensureOpen();
        db.checkWritableKey(key);
        reserve(1 + 4 + key.length);
        queue[used++] = DELETE;
        append(key);
        count++;
        valueSize += key.length;
    }

    private void reserve(int bytes) {
        long needed = (long) used + bytes;
        if (needed > queue.length) {
            if (needed > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("lmdb batch exceeds 2 GiB; write it in smaller batches");
            }
            queue = Arrays.copyOf(queue, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(needed, queue.length * 2L)));
        }
    }

    private void append(byte[] bytes) {
        int n = bytes.length;
        queue[used] = (byte) (n >>> 24);
        queue[used + 1] = (byte) (n >>> 16);
        queue[used + 2] = (byte) (n >>> 8);
        queue[used + 3] = (byte) n;
        System.arraycopy(bytes, 0, queue, used + 4, n);
        used += 4 + n;
    }

    private int lengthAt(int offset) {
        return (queue[offset] & 0xFF) << 24 | (queue[offset + 1] & 0xFF) << 16
                | (queue[offset + 2] & 0xFF) << 8 | (queue[offset + 3] & 0xFF);
    }

    @Override
    public long valueSize() {
        ensureOpen();
        return valueSize;
    }

    @Override
    public int count() {
        ensureOpen();
        return count;
    }

    @Override
    public void write() {
        ensureOpen();
        if (count == 0) {
            return;
        }
        db.apply(scope -> {
            int at = 0;
            while (at < used) {
                byte op = queue[at++];
                int keyLength = lengthAt(at);
                int keyOffset = at + 4;
                at = keyOffset + keyLength;
                if (op == PUT) {
                    int valueLength = lengthAt(at);
                    scope.put(queue, keyOffset, keyLength, queue, at + 4, valueLength);
                    at += 4 + valueLength;
                } else {
                    scope.delete(queue, keyOffset, keyLength);
                }
            }
        });
    }

    @Override
    public void reset() {
        ensureOpen();
        used = 0;
        count = 0;
        valueSize = 0;
        if (queue.length > 1 << 20) {
            queue = new byte[1024]; // do not pin one huge batch's memory for the batch's lifetime
        }
    }

    @Override
    public void replay(KeyValueWriter writer) {
        ensureOpen();
        Objects.requireNonNull(writer, "writer");
        int at = 0;
        while (at < used) {
            byte op = queue[at++];
            int keyLength = lengthAt(at);
            byte[] key = Arrays.copyOfRange(queue, at + 4, at + 4 + keyLength);
            at += 4 + keyLength;
            if (op == PUT) {
                int valueLength = lengthAt(at);
                byte[] value = Arrays.copyOfRange(queue, at + 4, at + 4 + valueLength);
                at += 4 + valueLength;
                writer.put(key, value);
            } else {
                writer.delete(key);
            }
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new StoreClosedException("lmdb batch on " + db);
        }
        if (db.isClosed()) {
            throw db.closedException();
        }
    }

    @Override
    public void close() {
        closed = true;
        queue = null;
    }
}
