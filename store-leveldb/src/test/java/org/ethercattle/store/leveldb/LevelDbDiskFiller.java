package org.ethercattle.store.leveldb;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.ethercattle.api.Batch;
import org.ethercattle.api.Database;
import org.ethercattle.api.StoreException;
import org.ethercattle.api.Stores;

/**
 * The child process of {@link LevelDbDiskFullTest}, run on a small file system: writes batches, each
 * carrying its number under a checkpoint key, until a write is refused; then reports the error, whether
 * the store still answers reads, and what a reopen finds, one {@code name: value} line each.
 */
public final class LevelDbDiskFiller {

    private LevelDbDiskFiller() {}

    public static void main(String[] args) {
        String spec = "leveldb:" + args[0] + "?writeBufferSize=1m&compression=none&minFreeSpace=" + args[1];
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
        // minFreeSpace=0: reopening must not depend on the space the guard kept free.
        try (Database reopened = Stores.open("leveldb:" + args[0] + "?minFreeSpace=0")) {
            System.out.println("reopened: " + new String(reopened.get(checkpointKey), StandardCharsets.UTF_8));
        }
    }
}
