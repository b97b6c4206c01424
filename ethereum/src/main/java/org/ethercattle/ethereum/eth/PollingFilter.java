package org.ethercattle.ethereum.eth;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ethercattle.ethereum.rawdb.ChainReader;

/**
 * One filter a client installed with {@code eth_newBlockFilter} or {@code eth_newFilter} and polls with
 * {@code eth_getFilterChanges}. It remembers the head the store held when it was created or last polled (a
 * {@link HeadWatcher} that is never started: it is checked only by a poll), so a poll reads how the canonical chain
 * moved since then, straight from the store, and renders it. Nothing is buffered between polls: an unpolled filter
 * costs one header whatever the chain does.
 *
 * <p>Because the chain is compared at poll time, a poll reports the net change since the previous one: a block that
 * was canonical only between two polls is not reported (geth would report it, and then its logs as removed). What a
 * client sees still takes it from the chain it saw at its last poll to the chain now. A poll that finds the head
 * moved more than {@link HeadWatcher#MAX_WALK} blocks reports only the new head.
 *
 * <p>The filter expires {@code timeout} after its creation or last poll, as geth's deadline timer does. Thread-safe.
 */
abstract sealed class PollingFilter permits BlockPollingFilter, LogPollingFilter {

    private final HeadWatcher cursor;
    /** Volatile so a sweep reads it without waiting for a poll that is reading the store. */
    private volatile Instant lastPoll;

    /** A filter reporting the changes after the store's current head, its deadline counted from {@code now}. */
    PollingFilter(ChainReader chain, Instant now) {
        this.cursor = new HeadWatcher(chain);
        this.lastPoll = now;
    }

    /**
     * What {@code eth_getFilterChanges} answers: the changes since the last poll, rendered; renews the deadline.
     *
     * @return empty when the filter expired before {@code now} (the caller forgets it)
     */
    final synchronized Optional<ArrayNode> poll(Instant now, Duration timeout) {
        if (expired(now, timeout)) {
            return Optional.empty();
        }
        lastPoll = now;
        List<ChainChange> changes = new ArrayList<>();
        Runnable stop = cursor.subscribe(changes::add);
        try {
            cursor.check();
        } finally {
            stop.run();
        }
        // Rendered here rather than in the listener, so a failure reaches the client instead of the watcher's log.
        ArrayNode out = Json.array();
        changes.forEach(change -> render(change, out));
        return Optional.of(out);
    }

    /** Whether the filter went {@code timeout} without a poll by {@code now}. */
    final boolean expired(Instant now, Duration timeout) {
        return !now.isBefore(lastPoll.plus(timeout));
    }

    /** Appends what {@code change} means to this kind of filter. */
    abstract void render(ChainChange change, ArrayNode out);
}
