package org.ethercattle.cli;

import io.micrometer.core.instrument.Timer;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.ethercattle.api.Batch;
import org.ethercattle.api.Database;
import org.ethercattle.core.ForwardingBatch;
import org.ethercattle.core.ForwardingDatabase;

/**
 * A store whose batch writes are timed: what the replica's {@code cattle_replica_batch_commit_seconds}
 * metric measures (one replay group commit, data and checkpoint, per write). Everything else passes
 * through; {@link #close()} closes the wrapped store. Thread-safe as the wrapped store is.
 */
final class TimedCommitsDatabase extends ForwardingDatabase {

    private final Timer commits;

    TimedCommitsDatabase(Database store, Timer commits) {
        super(store);
        this.commits = Objects.requireNonNull(commits, "commits");
    }

    @Override
    public Batch newBatch() {
        return new ForwardingBatch(delegate().newBatch()) {
            @Override
            public void write() {
                long start = System.nanoTime();
                super.write();
                commits.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            }
        };
    }
}
