package org.ethercattle.store.lmdb;

import java.nio.charset.StandardCharsets;
import org.ethercattle.api.Batch;
import org.ethercattle.api.Database;
import org.ethercattle.api.Stores;

/**
 * The child process of {@link LmdbCrashTest}: writes batches into the store named by its argument until
 * it is killed, printing each batch's number once it is committed. Batch {@code n} puts
 * {@link #KEYS_PER_BATCH} keys {@code "b<n>/<i>"} and sets {@link #COUNTER} to {@code n}.
 */
public final class CrashingWriter {

    static final int KEYS_PER_BATCH = 100;
    static final byte[] COUNTER = "counter".getBytes(StandardCharsets.US_ASCII);

    private CrashingWriter() {}

    static byte[] key(int batch, int i) {
        return ("b" + batch + "/" + i).getBytes(StandardCharsets.US_ASCII);
    }

    public static void main(String[] args) {
        Database db = Stores.open(args[0]);
        for (int n = 0; ; n++) {
            try (Batch batch = db.newBatch()) {
                for (int i = 0; i < KEYS_PER_BATCH; i++) {
                    batch.put(key(n, i), new byte[300]);
                }
                batch.put(COUNTER, Integer.toString(n).getBytes(StandardCharsets.US_ASCII));
                batch.write();
            }
            System.out.println(n);
            System.out.flush();
        }
    }
}
