package org.ethercattle.store.lmdb;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.StampedLock;

/**
 * Guards LMDB's memory map: every live transaction holds the gate shared, and re-mapping (growth) or
 * closing holds it exclusively, because LMDB may only change the map size while no transaction of the
 * process is active.
 *
 * <p>A {@link StampedLock} underneath, because a cursor's shared hold is released by whichever thread
 * closes the cursor. Its readers barge past a waiting writer, so a steady stream of overlapping reads
 * could starve a growth; hence, while a growth waits, new shared holds wait for it, except on threads
 * that hold a cursor themselves (making those wait could deadlock a thread iterating while it reads).
 */
final class MapGate {

    private final StampedLock lock = new StampedLock();
    private final ReentrantLock resizing = new ReentrantLock();
    private volatile boolean resizePending;
    private final ConcurrentHashMap<Thread, AtomicInteger> cursorHolders = new ConcurrentHashMap<>();

    /** A shared hold for one call; waits for a pending growth unless this thread holds a cursor. */
    long enter() {
        if (resizePending && !cursorHolders.containsKey(Thread.currentThread())) {
            resizing.lock(); // held by the growing thread until it is done
            resizing.unlock();
        }
        return lock.readLock();
    }

    void exit(long stamp) {
        lock.unlockRead(stamp);
    }

    /** A shared hold for a cursor opened by {@code opener}, released with {@link #exitCursor}. */
    long enterCursor(Thread opener) {
        long stamp = enter();
        cursorHolders.computeIfAbsent(opener, t -> new AtomicInteger()).incrementAndGet();
        return stamp;
    }

    void exitCursor(long stamp, Thread opener) {
        cursorHolders.computeIfPresent(opener, (t, count) -> count.decrementAndGet() == 0 ? null : count);
        lock.unlockRead(stamp);
    }

    /**
     * The exclusive hold for a re-map, waiting at most {@code wait} for shared holders to leave; new
     * shared holds wait meanwhile. Returns 0 when the wait ran out.
     */
    long tryEnterExclusive(Duration wait) throws InterruptedException {
        resizing.lock();
        resizePending = true;
        try {
            long stamp = lock.tryWriteLock(wait.toMillis(), TimeUnit.MILLISECONDS);
            if (stamp == 0) {
                resizePending = false;
                resizing.unlock();
            }
            return stamp;
        } catch (InterruptedException | RuntimeException e) {
            resizePending = false;
            resizing.unlock();
            throw e;
        }
    }

    /** The exclusive hold, waiting as long as it takes (used by close, after it closed every cursor). */
    long enterExclusive() {
        return lock.writeLock();
    }

    /** Releases an exclusive hold from {@link #tryEnterExclusive} or {@link #enterExclusive}. */
    void exitExclusive(long stamp) {
        lock.unlockWrite(stamp);
        if (resizing.isHeldByCurrentThread()) {
            resizePending = false;
            resizing.unlock();
        }
    }
}
