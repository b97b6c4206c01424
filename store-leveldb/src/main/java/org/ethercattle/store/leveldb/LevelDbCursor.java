package org.ethercattle.store.leveldb;

import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import org.ethercattle.api.Cursor;
import org.ethercattle.api.StoreClosedException;
import org.ethercattle.adapter.support.NativeGate;
import org.iq80.leveldb.DBException;
import org.iq80.leveldb.DBIterator;

/**
 * A {@link Cursor} over a LevelDB iterator already positioned at {@code prefix + start}; it stops at the
 * first key outside {@code prefix}. The iterator reads LevelDB's implicit snapshot taken when it was
 * created, so the view is consistent.
 *
 * <p>The native iterator is freed as soon as the cursor runs off its range, when the cursor is closed,
 * or when the database closes, whichever comes first. Once the database is closed every call but
 * {@link #close()} throws {@link StoreClosedException}, as the database's own calls do (a thread racing a
 * close sees one exception type). {@link #next()} on a closed cursor throws {@link StoreClosedException};
 * {@link #key()} and {@link #value()} throw {@link IllegalStateException} when the cursor is closed or
 * not on an entry.
 */
final class LevelDbCursor implements Cursor {

    private final LevelDbDatabase database;
    private final NativeGate gate;
    private final DBIterator iterator;
    private final byte[] prefix;
    private byte[] key;
    private byte[] value;
    private boolean exhausted;
    private boolean closed;
    // written under the gate: by this cursor's thread while admitted, or by the database's close
    private boolean released;

    LevelDbCursor(LevelDbDatabase database, NativeGate gate, DBIterator iterator, byte[] prefix) {
        this.database = database;
        this.gate = gate;
        this.iterator = iterator;
        this.prefix = prefix;
    }

    @Override
    public boolean next() {
        if (closed) {
            throw new StoreClosedException("leveldb cursor over " + database);
        }
        if (exhausted) {
            return false;
        }
        long stamp = gate.enter();
        try {
            if (iterator.hasNext()) {
                Map.Entry<byte[], byte[]> entry = iterator.next();
                if (hasPrefix(entry.getKey())) {
                    key = entry.getKey();
                    value = entry.getValue();
                    return true;
                }
            }
            key = null;
            value = null;
            exhausted = true;
            release();
            return false;
        } catch (DBException e) {
            throw LevelDbErrors.translate(database.path(), "read from", e);
        } finally {
            gate.exit(stamp);
        }
    }

    @Override
    public byte[] key() {
        return current(key).clone();
    }

    @Override
    public byte[] value() {
        return current(value).clone();
    }

    /** The current key itself, not a copy, for callers in this package that only read it. */
    byte[] currentKey() {
        return current(key);
    }

    /** The current value itself, not a copy, for callers in this package that only read it. */
    byte[] currentValue() {
        return current(value);
    }

    private byte[] current(byte[] field) {
        if (closed) {
            throw new IllegalStateException("leveldb cursor over " + database + " is closed");
        }
        // the entry is already on the heap, but a closed store's cursors are unusable, as its own calls are
        gate.requireOpen();
        if (field == null) {
            throw new IllegalStateException("leveldb cursor over " + database
                    + " is not on an entry; call next() and use key()/value() only while it returns true");
        }
        return field;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        key = null;
        value = null;
        long stamp = gate.tryEnter();
        if (stamp == 0) {
            return; // the database's close already freed the iterator
        }
        try {
            release();
        } finally {
            gate.exit(stamp);
        }
    }

    /** Frees the native iterator once; the caller holds the gate (admitted, or closing the database). */
    void release() {
        if (released) {
            return;
        }
        released = true;
        database.forget(this);
        try {
            iterator.close();
        } catch (IOException e) {
            // JniDBIterator.close only frees memory; nothing can be done if it reports a failure
        }
    }

    private boolean hasPrefix(byte[] candidate) {
        return candidate.length >= prefix.length
                && Arrays.equals(candidate, 0, prefix.length, prefix, 0, prefix.length);
    }
}
