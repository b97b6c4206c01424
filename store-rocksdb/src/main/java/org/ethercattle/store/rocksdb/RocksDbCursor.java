package org.ethercattle.store.rocksdb;

import java.util.Arrays;
import org.ethercattle.api.Cursor;
import org.ethercattle.api.StoreClosedException;
import org.ethercattle.adapter.support.NativeGate;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;

/**
 * A {@link Cursor} over a RocksDB iterator, which reads from an implicit snapshot taken when it is
 * created: later writes are not seen and a batch is never seen in part.
 *
 * <p>The prefix becomes the iterator's upper bound (the prefix's successor), so RocksDB stops at the
 * end of the prefix by itself and skips the tombstones beyond it; only a prefix of all {@code 0xFF}
 * bytes has no successor, and then each key's prefix is checked here instead.
 *
 * <p>Every native call runs inside the database's {@link NativeGate}; closing the database releases
 * the iterator, after which {@link #next()} throws {@link StoreClosedException} and {@link #key()} /
 * {@link #value()} throw {@link IllegalStateException}. Not thread-safe (one thread at a time), except
 * that the database may release it concurrently on close.
 */
final class RocksDbCursor implements Cursor {

    private final RocksDbDatabase database;
    private final NativeGate gate;
    private final RocksIterator iterator;
    /** Options and bound owned by this cursor, or {@code null} when it shares the database's. */
    private final ReadOptions boundedOptions;
    private final Slice upperBound;
    private final byte[] seekKey;
    /** The prefix to check on each key, or {@code null} when the upper bound already enforces it. */
    private final byte[] checkedPrefix;

    private boolean started;
    private boolean positioned;
    private boolean exhausted;
    /** Written under the gate's read stamp by the owner, or its write stamp by the database. */
    private volatile boolean released;

    private RocksDbCursor(RocksDbDatabase database, NativeGate gate, RocksIterator iterator,
            ReadOptions boundedOptions, Slice upperBound, byte[] seekKey, byte[] checkedPrefix) {
        this.database = database;
        this.gate = gate;
        this.iterator = iterator;
        this.boundedOptions = boundedOptions;
        this.upperBound = upperBound;
        this.seekKey = seekKey;
        this.checkedPrefix = checkedPrefix;
    }

    /** Opens a cursor; the caller holds the gate's read stamp. */
    static RocksDbCursor open(RocksDbDatabase database, NativeGate gate, ReadOptions shared, byte[] prefix,
            byte[] start) {
        byte[] seekKey = Arrays.copyOf(prefix, prefix.length + start.length);
        System.arraycopy(start, 0, seekKey, prefix.length, start.length);
        byte[] successor = successor(prefix);
        if (successor == null) {
            RocksIterator iterator = database.rocksDb().newIterator(shared);
            return new RocksDbCursor(database, gate, iterator, null, null, seekKey,
                    prefix.length == 0 ? null : prefix.clone());
        }
        Slice bound = new Slice(successor);
        ReadOptions options = new ReadOptions().setIterateUpperBound(bound);
        RocksIterator iterator = database.rocksDb().newIterator(options);
        return new RocksDbCursor(database, gate, iterator, options, bound, seekKey, null);
    }

    /**
     * The smallest key greater than every key that starts with {@code prefix}: drop trailing
     * {@code 0xFF} bytes and add one to the last byte left; {@code null} when nothing is left (the
     * empty prefix, or all {@code 0xFF}).
     */
    static byte[] successor(byte[] prefix) {
        int end = prefix.length;
        while (end > 0 && prefix[end - 1] == (byte) 0xFF) {
            end--;
        }
        if (end == 0) {
            return null;
        }
        byte[] successor = Arrays.copyOf(prefix, end);
        successor[end - 1]++;
        return successor;
    }

    @Override
    public boolean next() {
        long stamp = gate.enter();
        try {
            if (released) {
                throw new StoreClosedException("cursor over rocksdb store at " + database.path());
            }
            if (exhausted) {
                return false;
            }
            if (started) {
                iterator.next();
            } else {
                iterator.seek(seekKey);
                started = true;
            }
            if (iterator.isValid() && (checkedPrefix == null || startsWithPrefix(iterator.key()))) {
                positioned = true;
                return true;
            }
            positioned = false;
            exhausted = true;
            iterator.status();
            return false;
        } catch (RocksDBException e) {
            positioned = false;
            throw RocksDbErrors.translate(e, database.path(), "iterate over");
        } finally {
            gate.exit(stamp);
        }
    }

    private boolean startsWithPrefix(byte[] key) {
        return key.length >= checkedPrefix.length
                && Arrays.equals(key, 0, checkedPrefix.length, checkedPrefix, 0, checkedPrefix.length);
    }

    @Override
    public byte[] key() {
        long stamp = enterPositioned();
        try {
            return iterator.key();
        } finally {
            gate.exit(stamp);
        }
    }

    @Override
    public byte[] value() {
        long stamp = enterPositioned();
        try {
            return iterator.value();
        } finally {
            gate.exit(stamp);
        }
    }

    private long enterPositioned() {
        long stamp = gate.tryEnter();
        if (stamp == 0 || released) {
            if (stamp != 0) {
                gate.exit(stamp);
            }
            throw new IllegalStateException("cursor over rocksdb store at " + database.path()
                    + " is closed; open a new cursor");
        }
        if (!positioned) {
            gate.exit(stamp);
            throw new IllegalStateException("cursor over rocksdb store at " + database.path()
                    + " has no current entry; call next() and use key()/value() only after it returned true");
        }
        return stamp;
    }

    @Override
    public void close() {
        if (released) {
            return;
        }
        long stamp = gate.tryEnter();
        if (stamp == 0) {
            return; // the database closed and released this cursor already
        }
        try {
            release();
        } finally {
            gate.exit(stamp);
        }
        database.forget(this);
    }

    /**
     * Frees the native iterator and its bound, once. Called with the gate held: by the owner through
     * {@link #close()}, or by the database while it closes (exclusively).
     */
    void release() {
        if (released) {
            return;
        }
        released = true;
        positioned = false;
        iterator.close();
        if (boundedOptions != null) {
            boundedOptions.close();
            upperBound.close();
        }
    }
}
