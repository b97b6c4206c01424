package org.ethercattle.tck;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.log.LogEntry;
import org.ethercattle.api.log.Position;

/**
 * Waiting on logs without timing assertions: the limits here only keep a broken adapter from hanging
 * the build, and are far above what any working log needs.
 */
final class Await {

    /** How long a working log may take to deliver what the suites wait for. */
    static final Duration PATIENCE = Duration.ofSeconds(60);

    private static final Duration POLL = Duration.ofMillis(100);

    private Await() {}

    /** The position {@code append} resolved to; its failure is rethrown unwrapped. */
    static Position position(CompletableFuture<Position> append) {
        try {
            return append.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("append failed", e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("append did not complete within " + PATIENCE, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an append", e);
        }
    }

    /** Polls until exactly {@code count} entries arrived (failing if more or too few come). */
    static List<LogEntry> entries(LogConsumer consumer, int count) {
        List<LogEntry> entries = new ArrayList<>(count);
        Instant deadline = Instant.now().plus(PATIENCE);
        while (entries.size() < count) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("expected " + count + " entries but only " + entries.size()
                        + " arrived within " + PATIENCE);
            }
            entries.addAll(consumer.poll(POLL));
        }
        if (entries.size() > count) {
            throw new AssertionError("expected " + count + " entries but got " + entries.size()
                    + "; extra from " + entries.get(count).position());
        }
        return entries;
    }

    /** Polls until the entry at {@code end} arrived; returns everything polled. */
    static List<LogEntry> through(LogConsumer consumer, Position end) {
        List<LogEntry> entries = new ArrayList<>();
        Instant deadline = Instant.now().plus(PATIENCE);
        while (entries.isEmpty() || entries.get(entries.size() - 1).position().compareTo(end) < 0) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the entry at " + end + " did not arrive within " + PATIENCE
                        + "; got " + entries.size() + " entries");
            }
            entries.addAll(consumer.poll(POLL));
        }
        return entries;
    }

    /** One short poll, for checking that nothing (more) is there. */
    static List<LogEntry> nothingMore(LogConsumer consumer) {
        return consumer.poll(Duration.ofMillis(200));
    }
}
