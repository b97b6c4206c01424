package org.ethercattle.store.leveldb;

import java.util.concurrent.locks.StampedLock;
import org.ethercattle.api.StoreClosedException;

/**
 * Keeps native calls and the release of native memory apart: every call into LevelDB runs between
 * {@link #enter()} and {@link #exit(long)}, and {@link #close(Runnable)} frees the store only once no
 * such call is in flight, after which {@link #enter()} refuses. Without it, a read racing a close
 * would touch freed memory and crash the JVM.
 *
 * <p>A shared (read) stamp of a {@link StampedLock} costs one atomic update in and one out, and
 * concurrent calls never wait for each other; only close waits.
 */
final class NativeGuard {

    private final StampedLock lock = new StampedLock();
    private final String what;
    private volatile boolean closed;

    /** @param what the store, for {@link StoreClosedException} messages, e.g. "leveldb store at /data/db" */
    NativeGuard(String what) {
        this.what = what;
    }

    /** Admits one native call; throws {@link StoreClosedException} once the store is closed. */
    long enter() {
        long stamp = lock.readLock();
        if (closed) {
            lock.unlockRead(stamp);
            throw new StoreClosedException(what);
        }
        return stamp;
    }

    /** Like {@link #enter()} but returns 0 instead of throwing when the store is closed. */
    long tryEnter() {
        long stamp = lock.readLock();
        if (closed) {
            lock.unlockRead(stamp);
            return 0;
        }
        return stamp;
    }

    /** Ends the native call {@code stamp} admitted. */
    void exit(long stamp) {
        lock.unlockRead(stamp);
    }

    /** Whether the store is closed. */
    boolean isClosed() {
        return closed;
    }

    /** Throws {@link StoreClosedException} when the store is closed; for calls that touch no native memory. */
    void requireOpen() {
        if (closed) {
            throw new StoreClosedException(what);
        }
    }

    /**
     * Marks the store closed and runs {@code release} with no native call in flight. Only the first call
     * runs it; later calls return at once.
     */
    void close(Runnable release) {
        if (closed) {
            return;
        }
        long stamp = lock.writeLock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            release.run();
        } finally {
            lock.unlockWrite(stamp);
        }
    }
}
