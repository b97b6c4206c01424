package org.ethercattle.store.lmdb;

import java.nio.ByteBuffer;
import org.ethercattle.api.Cursor;
import org.ethercattle.api.StoreClosedException;
import org.lmdbjava.GetOp;
import org.lmdbjava.LmdbException;
import org.lmdbjava.Txn;

/**
 * A {@link Cursor} over one LMDB read transaction, which is its consistent view. Positions with
 * {@code MDB_SET_RANGE} at {@code prefix + start} on the first {@link #next()} and stops at the first key
 * outside the prefix. The transaction (and its reader slot and hold on the map) is released as soon as
 * the cursor is exhausted or closed, whichever comes first.
 *
 * <p>Methods are synchronized only so that {@link LmdbDatabase#close()}, which closes open cursors from
 * its own thread, cannot free the transaction under a call in progress; a cursor is still meant for one
 * thread at a time.
 */
final class LmdbCursor implements Cursor {

    private enum State { BEFORE_FIRST, ON_ENTRY, EXHAUSTED, CLOSED }

    private final LmdbDatabase db;
    private final byte[] prefix;
    private final byte[] seekKey;
    private final int maxKeyBytes;
    private final long stamp;
    private final Thread opener;
    private Txn<ByteBuffer> txn;
    private org.lmdbjava.Cursor<ByteBuffer> cursor;
    private State state = State.BEFORE_FIRST;

    LmdbCursor(LmdbDatabase db, Txn<ByteBuffer> txn, org.lmdbjava.Cursor<ByteBuffer> cursor, long stamp,
               Thread opener, byte[] prefix, byte[] seekKey, int maxKeyBytes) {
        this.db = db;
        this.txn = txn;
        this.cursor = cursor;
        this.stamp = stamp;
        this.opener = opener;
        this.prefix = prefix;
        this.seekKey = seekKey;
        this.maxKeyBytes = maxKeyBytes;
    }

    @Override
    public synchronized boolean next() {
        switch (state) {
            case CLOSED -> throw new StoreClosedException("lmdb cursor on " + db);
            case EXHAUSTED -> {
                return false;
            }
            default -> { }
        }
        try {
            boolean found = state == State.BEFORE_FIRST ? seekFirst() : cursor.next();
            if (found && startsWithPrefix(cursor.key())) {
                state = State.ON_ENTRY;
                return true;
            }
            state = State.EXHAUSTED;
            release();
            return false;
        } catch (LmdbException e) {
            throw db.failure("cursor next", e);
        }
    }

    private boolean seekFirst() {
        if (seekKey.length == 0) {
            return cursor.first();
        }
        // LMDB rejects a seek key longer than its key limit; no stored key is longer, so seek to the
        // longest storable prefix of it and step over the (at most one) smaller key found there.
        int length = Math.min(seekKey.length, maxKeyBytes);
        ByteBuffer seek = ByteBuffer.allocateDirect(length);
        seek.put(seekKey, 0, length).flip();
        boolean found = cursor.get(seek, GetOp.MDB_SET_RANGE);
        while (found && length < seekKey.length && compareToSeekKey(cursor.key()) < 0) {
            found = cursor.next();
        }
        return found;
    }

    private int compareToSeekKey(ByteBuffer key) {
        int base = key.position();
        int n = Math.min(key.remaining(), seekKey.length);
        for (int i = 0; i < n; i++) {
            int diff = Byte.toUnsignedInt(key.get(base + i)) - Byte.toUnsignedInt(seekKey[i]);
            if (diff != 0) {
                return diff;
            }
        }
        return key.remaining() - seekKey.length;
    }

    private boolean startsWithPrefix(ByteBuffer key) {
        if (key.remaining() < prefix.length) {
            return false;
        }
        int base = key.position();
        for (int i = 0; i < prefix.length; i++) {
            if (key.get(base + i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public synchronized byte[] key() {
        requireEntry("key");
        return LmdbDatabase.copy(cursor.key());
    }

    @Override
    public synchronized byte[] value() {
        requireEntry("value");
        return LmdbDatabase.copy(cursor.val());
    }

    private void requireEntry(String what) {
        if (state != State.ON_ENTRY) {
            throw new IllegalStateException("lmdb cursor on " + db + ": " + what + "() needs a current entry, but the"
                    + " cursor is " + switch (state) {
                        case BEFORE_FIRST -> "before its first entry; call next() first";
                        case EXHAUSTED -> "past its last entry";
                        default -> "closed";
                    });
        }
    }

    @Override
    public synchronized void close() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        release();
    }

    /** Frees the LMDB cursor and read transaction; idempotent. */
    private void release() {
        if (txn == null) {
            return;
        }
        try {
            cursor.close();
            txn.close();
        } finally {
            cursor = null;
            txn = null;
            db.released(this, stamp, opener);
        }
    }
}
