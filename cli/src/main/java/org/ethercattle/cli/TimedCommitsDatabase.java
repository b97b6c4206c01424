package org.ethercattle.cli;

import io.micrometer.core.instrument.Timer;
import java.util.Objects;
import org.ethercattle.api.Batch;
import org.ethercattle.api.Cursor;
import org.ethercattle.api.Database;
import org.ethercattle.api.KeyValueWriter;

/**
 * A store whose batch writes are timed: what the replica's {@code cattle_replica_batch_commit_seconds}
 * metric measures (one replay group commit, data and checkpoint, per write). Everything else passes
 * through; {@link #close()} closes the wrapped store. Thread-safe as the wrapped store is.
 */
final class TimedCommitsDatabase implements Database {

    private final Database store;
    private final Timer commits;

    TimedCommitsDatabase(Database store, Timer commits) {
        this.store = Objects.requireNonNull(store, "store");
        this.commits = Objects.requireNonNull(commits, "commits");
    }

    @Override
    public byte[] get(byte[] key) {
        return store.get(key);
    }

    @Override
    public boolean has(byte[] key) {
        return store.has(key);
    }

    @Override
    public void put(byte[] key, byte[] value) {
        store.put(key, value);
    }

    @Override
    public void delete(byte[] key) {
        store.delete(key);
    }

    @Override
    public Batch newBatch() {
        return new TimedBatch(store.newBatch(), commits);
    }

    @Override
    public Cursor cursor(byte[] prefix, byte[] start) {
        return store.cursor(prefix, start);
    }

    @Override
    public void close() {
        store.close();
    }

    private record TimedBatch(Batch batch, Timer commits) implements Batch {

        @Override
        public void put(byte[] key, byte[] value) {
            batch.put(key, value);
        }

        @Override
        public void delete(byte[] key) {
            batch.delete(key);
        }

        @Override
        public long valueSize() {
            return batch.valueSize();
        }

        @Override
        public int count() {
            return batch.count();
        }

        @Override
        public void write() {
            long start = System.nanoTime();
            batch.write();
            commits.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        }

        @Override
        public void reset() {
            batch.reset();
        }

        @Override
        public void replay(KeyValueWriter writer) {
            batch.replay(writer);
        }

        @Override
        public void close() {
            batch.close();
        }
    }
}
