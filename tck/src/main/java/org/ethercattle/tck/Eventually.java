package org.ethercattle.tck;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waiting for something a store or log does in the background (a compaction, a thread ending) without
 * a timing assertion: the patience only keeps a broken implementation from hanging the build, and
 * measures nothing.
 */
public final class Eventually {

    private static final long POLL_MILLIS = 50;

    private Eventually() {}

    /**
     * Returns once {@code condition} holds, checking every 50 ms.
     *
     * @throws AssertionError naming {@code what} (read only then) if it still does not hold after {@code patience}
     */
    public static void until(BooleanSupplier condition, Duration patience, Supplier<String> what)
            throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + patience + " for " + what.get());
            }
            Thread.sleep(POLL_MILLIS);
        }
    }
}
