package org.ethercattle.core.memory;

import java.util.List;
import java.util.Map;

import org.ethercattle.api.Cursor;

/** A cursor over a snapshot taken when it was opened; see {@link MemoryStore#snapshot}. */
final class MemoryCursor implements Cursor {

    private final MemoryDatabase database;
    private final List<Map.Entry<byte[], byte[]>> entries;
    private int index = -1;
    private boolean closed;

    MemoryCursor(MemoryDatabase database, List<Map.Entry<byte[], byte[]>> entries) {
        this.database = database;
        this.entries = entries;
    }

    @Override
    public boolean next() {
        if (closed) {
            throw new IllegalStateException("cursor over " + database.describe() + " is closed");
        }
        database.ensureOpen();
        if (index < entries.size()) {
            index++;
        }
        return index < entries.size();
    }

    @Override
    public byte[] key() {
        return current().getKey().clone();
    }

    @Override
    public byte[] value() {
        return current().getValue().clone();
    }

    private Map.Entry<byte[], byte[]> current() {
        if (closed) {
            throw new IllegalStateException("cursor over " + database.describe() + " is closed");
        }
        if (index < 0 || index >= entries.size()) {
            throw new IllegalStateException("cursor over " + database.describe()
                    + " is not on an entry; call next() and check that it returned true");
        }
        database.ensureOpen();
        return entries.get(index);
    }

    @Override
    public void close() {
        closed = true;
    }
}
