package org.ethercattle.store.layered;

import java.util.concurrent.atomic.AtomicLong;
import org.ethercattle.api.Batch;
import org.ethercattle.api.Cursor;
import org.ethercattle.api.Database;

/**
 * A real store wrapped to count how many entries its cursors step over: what shows whether the layered
 * cursor seeks or filters from the first key.
 */
final class CountingDatabase implements Database {

    private final Database inner;
    final AtomicLong cursorSteps = new AtomicLong();

    CountingDatabase(Database inner) {
        this.inner = inner;
    }

    @Override
    public byte[] get(byte[] key) {
        return inner.get(key);
    }

    @Override
    public boolean has(byte[] key) {
        return inner.has(key);
    }

    @Override
    public void put(byte[] key, byte[] value) {
        inner.put(key, value);
    }

    @Override
    public void delete(byte[] key) {
        inner.delete(key);
    }

    @Override
    public Batch newBatch() {
        return inner.newBatch();
    }

    @Override
    public Cursor cursor(byte[] prefix, byte[] start) {
        Cursor cursor = inner.cursor(prefix, start);
        return new Cursor() {
            @Override
            public boolean next() {
                cursorSteps.incrementAndGet();
                return cursor.next();
            }

            @Override
            public byte[] key() {
                return cursor.key();
            }

            @Override
            public byte[] value() {
                return cursor.value();
            }

            @Override
            public void close() {
                cursor.close();
            }
        };
    }

    @Override
    public void close() {
        inner.close();
    }
}
