package org.ethercattle.adapter.support;

import java.util.concurrent.locks.StampedLock;
import org.ethercattle.api.StoreClosedException;

/**
 * Keeps native calls and the release of the native memory they use apart, for store adapters built on a
 * JNI library (RocksDB, LevelDB).
 *
 * <p>Why a gate is needed: a call into a native handle that was already closed (a database, iterator or
 * snapshot whose C++ object was freed) is no exception but a segfault that kills the whole JVM, and a
 * {@code close()} racing a read on another thread is enough to cause one. So every native call runs
 * between {@link #enter()} and {@link #exit(long)}, which hold a shared stamp of a {@link StampedLock};
 * {@link #close(Runnable)} takes the exclusive stamp, so it waits for the calls in flight, and every call
 * after it fails with {@link StoreClosedException} instead of touching freed memory. A shared stamp costs
 * one atomic update in and one out, and concurrent calls never wait for one another; only close waits.
 *
 * <p>Stamps are not reentrant: code between {@code enter} and {@code exit} must neither enter again nor
 * call back into user code (which might close the store), or a waiting {@code close} deadlocks it; the
 * {@code release} action handed to {@code close} must not close the gate again. Thread-safe.
 */
public final class NativeGate {

    private final StampedLock lock = new StampedLock();
    private final String what;
    private volatile boolean closed;

    /**
     * @param what names the guarded thing in {@link StoreClosedException} messages, e.g.
     *             {@code "rocksdb store at /data/db"}
     */
    public NativeGate(String what) {
        this.what = what;
    }

    /**
     * Enters a native section; returns the stamp to hand to {@link #exit(long)}.
     *
     * @throws StoreClosedException if the gate is closed
     */
    public long enter() {
        long stamp = lock.readLock();
        if (closed) {
            lock.unlockRead(stamp);
            throw new StoreClosedException(what);
        }
        return stamp;
    }

    /**
     * Enters a native section if the gate is still open; returns 0 when it is closed (a stamp is never 0),
     * for callers that treat "closed" as a normal outcome rather than an error, such as a cursor's close.
     */
    public long tryEnter() {
        long stamp = lock.readLock();
        if (closed) {
            lock.unlockRead(stamp);
            return 0L;
        }
        return stamp;
    }

    /** Leaves the native section entered with {@code stamp}. */
    public void exit(long stamp) {
        lock.unlockRead(stamp);
    }

    /** Whether {@link #close(Runnable)} has run (or is running). */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Throws when the gate is closed; for calls that touch no native memory but must still refuse a closed
     * store.
     *
     * @throws StoreClosedException if the gate is closed
     */
    public void requireOpen() {
        if (closed) {
            throw new StoreClosedException(what);
        }
    }

    /**
     * Waits for every native section in flight, marks the gate closed and runs {@code release} once, with
     * no native call in flight. A later or concurrent call waits until that release is done and then
     * returns without running its own {@code release}, so when {@code close} returns the native memory is
     * gone. An exception from {@code release} propagates; the gate stays closed.
     */
    public void close(Runnable release) {
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
