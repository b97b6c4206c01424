package org.ethercattle.tck;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.log.LogEntry;
import org.ethercattle.api.log.Position;

/**
 * Waiting for what a store or log does in the background (an append completing, entries arriving, a
 * compaction, a thread ending) without a timing assertion: the limits here only keep a broken
 * implementation from hanging the build, are far above what any working one needs, and measure nothing.
 * The TCK's one wait helper; adapters' own tests use it too.
 */
public final class Await {

    /** How long a working log or store may take to deliver what the suites wait for. */
    public static final Duration PATIENCE = Duration.ofSeconds(60);

    private static final Duration POLL = Duration.ofMillis(100);
    private static final long CONDITION_POLL_MILLIS = 50;

    private Await() {}

    /**
     * Returns once {@code condition} holds, checking every 50 ms, however long that takes: it has no bound of
     * its own. The test's JUnit {@code @Timeout} ends a wait that never ends (every TCK suite has one, from
     * {@link TckFixture}), by interrupting it.
     *
     * @param what what is awaited, for the message of the interrupted wait (read only then)
     * @throws InterruptedException when the test's timeout (or anything else) interrupts the wait
     */
    public static void until(BooleanSupplier condition, Supplier<String> what) throws InterruptedException {
        while (!condition.getAsBoolean()) {
            try {
                Thread.sleep(CONDITION_POLL_MILLIS);
            } catch (InterruptedException e) {
                InterruptedException named = new InterruptedException("interrupted while waiting for " + what.get());
                named.initCause(e);
                throw named;
            }
        }
    }

    /**
     * The position {@code append} resolved to; its failure is rethrown unwrapped.
     *
     * @throws AssertionError if it does not complete within {@link #PATIENCE}
     */
    public static Position position(CompletableFuture<Position> append) {
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
    public static List<LogEntry> entries(LogConsumer consumer, int count) {
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
    public static List<LogEntry> through(LogConsumer consumer, Position end) {
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
    public static List<LogEntry> nothingMore(LogConsumer consumer) {
        return consumer.poll(Duration.ofMillis(200));
    }
}
