package org.ethercattle.store.rocksdb;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.ethercattle.api.Batch;
import org.ethercattle.api.Database;
import org.ethercattle.api.Stores;

/**
 * The child process of {@link RocksDbCrashTest}: writes batch after batch into the spec it is given
 * until it is killed. Batch {@code g} sets every slot key to {@code g} and writes the checkpoint key
 * {@code g}, like a replica storing its position with the data; after each write it prints
 * {@code acknowledged g}. With a second argument {@code n}, it stops after batch {@code n} and waits
 * (for the kill) without writing more.
 */
public final class CrashWriter {

    static final int SLOTS = 50;
    static final byte[] CHECKPOINT = "checkpoint".getBytes(StandardCharsets.UTF_8);

    private CrashWriter() {}

    static byte[] slot(int i) {
        return String.format("slot/%02d", i).getBytes(StandardCharsets.UTF_8);
    }

    public static void main(String[] args) throws IOException {
        Database db = Stores.open(args[0]);
        long stopAfter = args.length > 1 ? Long.parseLong(args[1]) : Long.MAX_VALUE;
        byte[] filler = new byte[2000];
        try (Batch batch = db.newBatch()) {
            for (long generation = 0; ; generation++) {
                batch.reset();
                byte[] value = ByteBuffer.allocate(Long.BYTES).putLong(generation).array();
                for (int i = 0; i < SLOTS; i++) {
                    batch.put(slot(i), value);
                    // Bulk so that memtables fill and flush while the test runs.
                    batch.put(ByteBuffer.allocate(12).putLong(generation).putInt(i).array(), filler);
                }
                batch.put(CHECKPOINT, value);
                batch.write();
                System.out.println("acknowledged " + generation);
                if (generation == stopAfter) {
                    System.out.println("paused");
                    while (System.in.read() >= 0) {
                        // wait to be killed
                    }
                }
            }
        }
    }
}
