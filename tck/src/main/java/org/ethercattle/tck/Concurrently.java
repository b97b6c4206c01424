package org.ethercattle.tck;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs a writer and several copies of another task at once, for the suites' "beside a writer" tests. */
final class Concurrently {

    private Concurrently() {}

    /**
     * Runs {@code writer} and {@code copies} copies of {@code task}, each on its own thread, and waits for
     * all of them, without a bound of its own (the suite's {@code @Timeout} ends a hang); the first failure
     * is rethrown (wrapped in an {@link java.util.concurrent.ExecutionException}).
     */
    static void run(Runnable writer, int copies, Callable<?> task) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(copies + 1);
        try {
            Future<?> writing = threads.submit(writer);
            List<Future<?>> others = new ArrayList<>();
            for (int i = 0; i < copies; i++) {
                others.add(threads.submit(task));
            }
            for (Future<?> other : others) {
                other.get();
            }
            writing.get();
        } finally {
            threads.shutdownNow();
        }
    }
}
