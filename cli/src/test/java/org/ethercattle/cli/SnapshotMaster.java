package org.ethercattle.cli;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.ethercattle.api.Batch;
import org.ethercattle.api.Codecs;
import org.ethercattle.api.Database;
import org.ethercattle.api.Logs;
import org.ethercattle.core.capture.CapturingDatabase;
import org.ethercattle.core.memory.MemoryDatabase;

/**
 * A master for the snapshot tests: an in-memory store captured into a log, written with seeded batches
 * of overwrites and deletes over a small key range, so replay order matters.
 */
final class SnapshotMaster implements AutoCloseable {

    private final CapturingDatabase master;
    private final Random random;

    SnapshotMaster(String logSpec, long seed) {
        this.master = new CapturingDatabase(MemoryDatabase.open(), Logs.openProducer(logSpec), Codecs.get(Codecs.DEFAULT));
        this.random = new Random(seed);
    }

    /** The master's store, as replicas must end up. */
    Database store() {
        return master;
    }

    /** Writes {@code batches} batches of up to 20 ops each, then waits until the log has them all. */
    void write(int batches) {
        for (int i = 0; i < batches; i++) {
            try (Batch batch = master.newBatch()) {
                int ops = 1 + random.nextInt(20);
                for (int op = 0; op < ops; op++) {
                    byte[] key = ("key/" + random.nextInt(3000)).getBytes(StandardCharsets.UTF_8);
                    if (random.nextInt(5) == 0) {
                        batch.delete(key);
                    } else {
                        byte[] value = new byte[20 + random.nextInt(200)];
                        random.nextBytes(value);
                        batch.put(key, value);
                    }
                }
                batch.write();
            }
        }
        master.flush();
    }

    @Override
    public void close() {
        master.close();
    }
}
