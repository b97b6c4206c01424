package org.ethercattle.cli;

import java.util.Optional;
import org.ethercattle.api.Database;
import org.ethercattle.api.Logs;
import org.ethercattle.api.Stores;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.core.Keyspace;
import org.ethercattle.core.guard.SeenValueGuard;
import org.ethercattle.core.replay.ReplayStats;
import org.ethercattle.core.replay.Replayer;
import org.ethercattle.ethereum.guard.GethHeadKeys;

/**
 * One replica of the demo: its own store and log consumer, replayed on its own thread until the master
 * has finished and everything it wrote is applied.
 *
 * <p>{@link #stats()} may be read from any thread; {@link #firstDifferenceFrom} and {@link #close()}
 * only after {@link #join()}.
 */
final class DemoReplica implements AutoCloseable {

    private final String name;
    private final String storeSpec;
    private final Database store;
    private final LogConsumer log;
    private final Replayer replayer;
    private final Thread thread;
    private volatile boolean masterDone;
    private volatile Throwable failure;

    DemoReplica(String name, String storeSpec, String logSpec) {
        this.name = name;
        this.storeSpec = storeSpec;
        this.store = Stores.open(storeSpec);
        LogConsumer consumer = null;
        try {
            consumer = Logs.openConsumer(logSpec);
            this.replayer = Replayer.builder(store, consumer)
                    .headGuard(new SeenValueGuard(GethHeadKeys.DEFAULT)).build();
        } catch (RuntimeException e) {
            if (consumer != null) {
                consumer.close();
            }
            store.close();
            throw e;
        }
        this.log = consumer;
        this.thread = new Thread(this::replay, "cattle-demo-" + name);
    }

    String name() {
        return name;
    }

    String storeSpec() {
        return storeSpec;
    }

    void start() {
        thread.start();
    }

    /** Tells the replica that the master has written and flushed its last record: catch up, then finish. */
    void masterDone() {
        masterDone = true;
    }

    /** Waits up to {@code millis} for the replica to finish; returns whether it has. */
    boolean join(long millis) throws InterruptedException {
        thread.join(millis);
        return !thread.isAlive();
    }

    ReplayStats stats() {
        return replayer.stats();
    }

    /** The error that stopped replay, or {@code null}. */
    Throwable failure() {
        return failure;
    }

    /** The first key where this replica differs from {@code master}, or empty when their keyspaces are equal. */
    Optional<String> firstDifferenceFrom(Database master) {
        return Keyspace.firstDifference(master, store);
    }

    private void replay() {
        try {
            while (!masterDone) {
                replayer.step();
            }
            // The master flushed before saying it is done, so the log end seen now holds every record.
            replayer.catchUp();
        } catch (Throwable t) {
            failure = t;
        }
    }

    @Override
    public void close() {
        try {
            replayer.close();
        } finally {
            try {
                log.close();
            } finally {
                store.close();
            }
        }
    }
}
