package org.ethercattle.store.lmdb;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.ethercattle.api.Batch;
import org.ethercattle.api.Database;
import org.ethercattle.api.StoreException;
import org.ethercattle.api.Stores;
import org.ethercattle.api.spi.OpenMode;

/**
 * The child process of {@link LmdbDiskFullTest}, run on a tiny file system: writes batches, each carrying
 * its number under a checkpoint key, until a write fails; then reports the error, whether the store still
 * answers reads, and what a read-only reopen finds, one {@code name: value} line each.
 */
public final class LmdbDiskFiller {

    private LmdbDiskFiller() {}

    public static void main(String[] args) {
        // A map far larger than the disk, so the disk fills before the map does.
        String spec = "lmdb:" + args[0] + "?mapSize=256m&sync=full";
        byte[] checkpointKey = "checkpoint".getBytes(StandardCharsets.UTF_8);
        Random random = new Random(1);
        long acknowledged = -1;
        try (Database db = Stores.open(spec)) {
            try {
                for (long batchNumber = 0; batchNumber < 1_000_000; batchNumber++) {
                    try (Batch batch = db.newBatch()) {
                        for (int i = 0; i < 100; i++) {
                            byte[] key = new byte[32];
                            byte[] value = new byte[1000];
                            random.nextBytes(key);
                            random.nextBytes(value);
                            batch.put(key, value);
                        }
                        batch.put(checkpointKey, Long.toString(batchNumber).getBytes(StandardCharsets.UTF_8));
                        batch.write();
                        acknowledged = batchNumber;
                    }
                }
                System.out.println("failure: none");
            } catch (StoreException e) {
                System.out.println("failure: " + e.getMessage());
            }
            System.out.println("acknowledged: " + acknowledged);
            System.out.println("read after the failure: "
                    + new String(db.get(checkpointKey), StandardCharsets.UTF_8));
        }
        try (Database reopened = Stores.open(spec, OpenMode.READ_ONLY)) {
            System.out.println("reopened: " + new String(reopened.get(checkpointKey), StandardCharsets.UTF_8));
        }
    }
}
