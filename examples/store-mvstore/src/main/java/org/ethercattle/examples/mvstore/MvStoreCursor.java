package org.ethercattle.examples.mvstore;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import org.ethercattle.api.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/**
 * A cursor over the keys starting with a prefix, from {@code prefix + start}, on the map's root as it was
 * when the cursor opened (MVStore's trees are copy-on-write, so that root never changes: a snapshot). The
 * cursor also registers its version with the store, so the file keeps the chunks that root still needs
 * while later commits make them obsolete.
 */
final class MvStoreCursor implements Cursor {

    private final MvStoreDatabase database;
    private final MVStore store;
    private final MVStore.TxCounter versionInUse;
    private final AtomicBoolean versionReleased = new AtomicBoolean();
    private final org.h2.mvstore.Cursor<byte[], byte[]> entries;
    private final byte[] prefix;
    private byte[] key;
    private byte[] value;
    private boolean closed;

    /** Opened by {@link MvStoreDatabase#cursor} under its read lock, so the root lies between two writes. */
    MvStoreCursor(MvStoreDatabase database, MVStore store, MVMap<byte[], byte[]> map, byte[] prefix, byte[] start) {
        this.database = database;
        this.store = store;
        this.prefix = prefix;
        this.versionInUse = store.registerVersionUsage();
        byte[] from = Arrays.copyOf(prefix, prefix.length + start.length);
        System.arraycopy(start, 0, from, prefix.length, start.length);
        this.entries = map.cursor(from);
    }

    @Override
    public boolean next() {
        if (closed) {
            throw new IllegalStateException("cursor of " + database + " is closed");
        }
        database.ensureOpen();
        key = null;
        value = null;
        try {
            if (!entries.hasNext()) {
                return false;
            }
            byte[] next = entries.next();
            if (!startsWithPrefix(next)) {
                return false; // keys are ordered, so none after this one has the prefix either
            }
            key = next;
            value = entries.getValue();
            return true;
        } catch (MVStoreException | IllegalStateException e) {
            database.ensureOpen(); // the store closed under the cursor: say so
            throw e;
        }
    }

    private boolean startsWithPrefix(byte[] candidate) {
        return candidate.length >= prefix.length
                && Arrays.equals(candidate, 0, prefix.length, prefix, 0, prefix.length);
    }

    @Override
    public byte[] key() {
        return current(key).clone();
    }

    @Override
    public byte[] value() {
        return current(value).clone();
    }

    private byte[] current(byte[] field) {
        if (closed || field == null) {
            throw new IllegalStateException("cursor of " + database + " has no current entry: call next() first,"
                    + " and only while it returns true and the cursor is open");
        }
        database.ensureOpen();
        return field;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            key = null;
            value = null;
            releaseVersion();
            database.forget(this);
        }
    }

    /**
     * Lets the store drop the chunks this cursor's root needs; once only, whether the cursor or the
     * database (closing first: MVStore refuses to close while a version is still registered) calls it.
     */
    void releaseVersion() {
        if (versionReleased.compareAndSet(false, true)) {
            store.deregisterVersionUsage(versionInUse);
        }
    }
}
