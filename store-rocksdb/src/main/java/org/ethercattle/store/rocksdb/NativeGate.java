package org.ethercattle.store.rocksdb;

import java.util.concurrent.locks.StampedLock;
import org.ethercattle.api.StoreClosedException;

/**
 * Keeps native RocksDB memory from being freed while a thread is inside a native call.
 *
 * <p>RocksDB crashes the JVM (not an exception: a segfault) when a closed database, iterator or slice
 * is used. Every native call therefore runs between {@link #enter()} and {@link #exit(long)}, which
 * hold a shared read stamp; {@link #close(Runnable)} takes the exclusive stamp, so it waits for calls
 * in flight to finish and makes later calls fail with {@link StoreClosedException} instead of touching
 * freed memory. A read stamp is one compare-and-set, so the read path stays cheap.
 *
 * <p>Stamps are not reentrant: code between {@code enter} and {@code exit} must never call back into
 * user code or enter again, or a waiting {@code close} would deadlock it. Thread-safe.
 */
final class NativeGate {

    private final StampedLock lock = new StampedLock();
    private final String what;
    private volatile boolean closed;

    /** @param what names the guarded thing in {@link StoreClosedException} messages, e.g. the store's path */
    NativeGate(String what) {
        this.what = what;
    }

    /**
     * Enters a native section; returns the stamp to hand to {@link #exit(long)}.
     *
     * @throws StoreClosedException if the gate is closed
     */
    long enter() {
        long stamp = lock.readLock();
        if (closed) {
            lock.unlockRead(stamp);
            throw new StoreClosedException(what);
        }
        return stamp;
    }

    /**
     * Enters a native section if the gate is still open; returns 0 when it is closed (a stamp is never
     * 0), for callers that treat "closed" as a normal outcome rather than an error.
     */
    long tryEnter() {
        long stamp = lock.readLock();
        if (closed) {
            lock.unlockRead(stamp);
            return 0L;
        }
        return stamp;
    }

    /** Leaves the native section entered with {@code stamp}. */
    void exit(long stamp) {
        lock.unlockRead(stamp);
    }

    /** Whether {@link #close(Runnable)} has run (or is running). */
    boolean isClosed() {
        return closed;
    }

    /**
     * Waits for every native section in flight, marks the gate closed and runs {@code release} once,
     * alone. Later calls do nothing and return {@code false}.
     */
    boolean close(Runnable release) {
        long stamp = lock.writeLock();
        try {
            if (closed) {
                return false;
            }
            closed = true;
            release.run();
            return true;
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /** The store exception for a use after close, naming what is closed. */
    StoreClosedException closedException() {
        return new StoreClosedException(what);
    }
}
