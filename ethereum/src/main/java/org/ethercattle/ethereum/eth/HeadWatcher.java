package org.ethercattle.ethereum.eth;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.ethercattle.ethereum.rawdb.ChainReader;
import org.ethercattle.ethereum.rawdb.Schema;
import org.ethercattle.ethereum.types.Header;
import org.ethercattle.ethereum.types.Hex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices the replica's head moving and tells subscribers how the canonical chain changed. A replica applies blocks
 * by writing the store, so there is no event to hook: the watcher reads the head block marker ({@code LastBlock})
 * on every {@link #check}, which {@link #start} runs on its own thread every interval (or the replica calls after
 * applying a batch). When the marker moved it walks back by parent hash from the new head and from the last head it
 * announced to their common ancestor, and hands listeners one {@link ChainChange}: the blocks that left the chain and
 * those that joined it, oldest first.
 *
 * <p>Heads between two checks are not missed (the walk finds them), but a walk is bounded: when the head moved more
 * than {@link #MAX_WALK} blocks, or a parent is not in the store, only the new head is announced, with a warning.
 * Listeners run on the checking thread, one change at a time, in order; they must not block. A listener that
 * throws is logged and kept. Thread-safe.
 */
public final class HeadWatcher implements AutoCloseable {

    /** The default poll interval. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(100);
    /** The most blocks one change walks (either branch); a longer move announces only the new head. */
    public static final int MAX_WALK = 4096;

    private static final Logger LOG = LoggerFactory.getLogger(HeadWatcher.class);

    private final ChainReader chain;
    private final List<Consumer<ChainChange>> listeners = new CopyOnWriteArrayList<>();
    private Header last;
    private ScheduledExecutorService timer;

    /** A watcher over {@code chain}; the head it holds now is the starting point and is not announced. */
    public HeadWatcher(ChainReader chain) {
        this.chain = chain;
        this.last = chain.headMarker(Schema.HEAD_BLOCK).orElse(null);
    }

    /**
     * Checks the head every {@code interval} on a daemon thread until {@link #close}.
     *
     * @return this watcher
     * @throws IllegalStateException if already started
     */
    public synchronized HeadWatcher start(Duration interval) {
        if (timer != null) {
            throw new IllegalStateException("the head watcher is already started; start it once");
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "head-watcher");
            t.setDaemon(true);
            return t;
        });
        long millis = Math.max(1, interval.toMillis());
        timer.scheduleWithFixedDelay(this::checkLogged, millis, millis, TimeUnit.MILLISECONDS);
        return this;
    }

    /**
     * Registers a listener for the changes after this call.
     *
     * @return what removes it
     */
    public Runnable subscribe(Consumer<ChainChange> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /**
     * Registers a listener that first receives the canonical blocks from {@code fromNumber} to the last head
     * announced, as one change that only adds them, then the changes after this call; nothing is missed or repeated
     * in between.
     *
     * @param fromNumber the first block of the history, at most the head's number + 1 (no history)
     * @param maxBlocks the most blocks the history may span
     * @return what removes the listener
     * @throws IllegalArgumentException if the history would span more than {@code maxBlocks}, with the numbers
     */
    public synchronized Runnable subscribeFrom(long fromNumber, long maxBlocks, Consumer<ChainChange> listener) {
        List<ChainBlock> history = new ArrayList<>();
        if (last != null && fromNumber <= last.number()) {
            long span = last.number() - fromNumber + 1;
            if (span > maxBlocks) {
                throw new IllegalArgumentException("history of " + span + " blocks (from " + fromNumber + " to the head "
                        + last.number() + ") exceeds the limit of " + maxBlocks + " blocks");
            }
            for (long n = fromNumber; n <= last.number(); n++) {
                Optional<Header> h = chain.canonicalHeader(n);
                if (h.isEmpty()) {
                    break;
                }
                history.add(new ChainBlock(chain, h.get()));
            }
        }
        if (!history.isEmpty()) {
            listener.accept(new ChainChange(List.of(), history));
        }
        return subscribe(listener);
    }

    /** Reads the head marker once and, if it moved, announces the change before returning. */
    public synchronized void check() {
        Optional<Header> head = chain.headMarker(Schema.HEAD_BLOCK);
        if (head.isEmpty() || (last != null && Arrays.equals(last.hash(), head.get().hash()))) {
            return;
        }
        ChainChange change = last == null ? jump(head.get()) : walk(last, head.get());
        last = head.get();
        for (Consumer<ChainChange> listener : listeners) {
            try {
                listener.accept(change);
            } catch (RuntimeException e) {
                LOG.error("a chain subscriber failed on the change to head {}; it stays subscribed",
                        head.get().number(), e);
            }
        }
    }

    private void checkLogged() {
        try {
            check();
        } catch (RuntimeException e) {
            // The store may be mid-replay or briefly unreadable; the next tick retries.
            LOG.warn("reading the head block marker failed; retrying in the next check", e);
        }
    }

    /** The change from {@code from} to {@code to} through their common ancestor. */
    private ChainChange walk(Header from, Header to) {
        List<Header> removed = new ArrayList<>();
        List<Header> added = new ArrayList<>();
        Header a = to;
        Header b = from;
        while (a != null && b != null && !Arrays.equals(a.hash(), b.hash())) {
            if (removed.size() > MAX_WALK || added.size() > MAX_WALK) {
                LOG.warn("the head moved from block {} to {} over more than {} blocks; announcing only the new head",
                        from.number(), to.number(), MAX_WALK);
                return jump(to);
            }
            if (a.number() >= b.number()) {
                added.add(a);
                a = parent(a);
            } else {
                removed.add(b);
                b = parent(b);
            }
        }
        if (a == null || b == null) {
            LOG.warn("the head moved from block {} to {} ({}), but a parent on the way is not in the store; announcing"
                    + " only the new head", from.number(), to.number(), Hex.data(to.hash()));
            return jump(to);
        }
        Collections.reverse(removed);
        Collections.reverse(added);
        return new ChainChange(blocks(removed), blocks(added));
    }

    private ChainChange jump(Header to) {
        return new ChainChange(List.of(), List.of(new ChainBlock(chain, to)));
    }

    private Header parent(Header h) {
        return h.number() == 0 ? null : chain.header(h.parentHash()).orElse(null);
    }

    private List<ChainBlock> blocks(List<Header> headers) {
        return headers.stream().map(h -> new ChainBlock(chain, h)).toList();
    }

    /** Stops the checking thread; listeners receive nothing more from it. Idempotent. */
    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
