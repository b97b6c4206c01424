package org.ethercattle.ethereum.follow;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;

/**
 * Reads the blocks of a range in order while reading up to {@code window} of them ahead, on their own threads. A
 * follower spends most of each block waiting on the node's three answers and then checks and writes it; with the
 * next blocks already asked for, the node and the follower work at once instead of in turn. Blocks are handed out
 * strictly in order, and what reading one threw is thrown when that block is taken, so the caller sees exactly what
 * a one-at-a-time loop would see; blocks read ahead of a stop are dropped by {@link #close}. Not thread-safe: one
 * caller takes the blocks.
 *
 * @param <T> what reading a block gives
 */
final class BlockPrefetch<T> implements AutoCloseable {

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final LongFunction<T> read;
    private final long last;
    private final ExecutorService readers;
    private final Deque<Future<T>> pending = new ArrayDeque<>();
    private long nextToAsk;

    /**
     * Starts reading blocks {@code first} to {@code last} (inclusive) with {@code read}, {@code window} at a time.
     *
     * @throws IllegalArgumentException if {@code window} is not positive
     */
    BlockPrefetch(LongFunction<T> read, long first, long last, int window) {
        if (window < 1) {
            throw new IllegalArgumentException("a prefetch window holds at least one block, asked for " + window);
        }
        this.read = read;
        this.last = last;
        this.nextToAsk = first;
        int pool = POOLS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        this.readers = Executors.newFixedThreadPool(window, r -> {
            Thread t = new Thread(r, "follow-read-" + pool + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        for (int i = 0; i < window; i++) {
            askNext();
        }
    }

    /** Whether a block of the range is left to take. */
    boolean hasNext() {
        return !pending.isEmpty();
    }

    /**
     * The next block in order, waiting for it if it is still being read.
     *
     * @throws RuntimeException what reading it threw
     */
    T next() {
        Future<T> head = pending.removeFirst();
        askNext();
        try {
            return head.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NodeException("interrupted while reading a block from the node", 0, e);
        } catch (CancellationException e) {
            throw new IllegalStateException("the prefetch was closed", e);
        }
    }

    private void askNext() {
        if (nextToAsk <= last) {
            long number = nextToAsk++;
            pending.addLast(readers.submit(() -> read.apply(number)));
        }
    }

    /** Stops reading; blocks not taken are dropped (their requests may still finish, unseen). */
    @Override
    public void close() {
        // Not interrupted: a request in flight finishes on its daemon thread and its answer is dropped.
        pending.forEach(f -> f.cancel(false));
        pending.clear();
        readers.shutdown();
    }
}
