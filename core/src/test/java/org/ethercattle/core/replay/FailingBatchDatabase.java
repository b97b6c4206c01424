package org.ethercattle.core.replay;

import java.util.concurrent.atomic.AtomicInteger;
import org.ethercattle.api.Batch;
import org.ethercattle.api.Database;
import org.ethercattle.api.StoreException;
import org.ethercattle.core.ForwardingBatch;
import org.ethercattle.core.ForwardingDatabase;

/**
 * A real store whose N-th batch {@code write()} throws before applying anything, as a crash between
 * two commits would leave it; it also counts batch writes. Everything else passes through.
 */
final class FailingBatchDatabase extends ForwardingDatabase {

    private final int failingWrite;
    final AtomicInteger batchWrites = new AtomicInteger();

    /** @param failingWrite the 1-based batch write that fails, or 0 for none */
    FailingBatchDatabase(Database store, int failingWrite) {
        super(store);
        this.failingWrite = failingWrite;
    }

    @Override
    public Batch newBatch() {
        return new ForwardingBatch(delegate().newBatch()) {
            @Override
            public void write() {
                if (batchWrites.incrementAndGet() == failingWrite) {
                    throw new StoreException("simulated crash at batch write " + failingWrite);
                }
                super.write();
            }
        };
    }
}
