package org.ethercattle.tck;

import java.util.Random;
import org.ethercattle.api.Batch;
import org.ethercattle.api.Database;

/**
 * A seeded mix of the writes a master makes: single puts and deletes, small batches, and now and then a
 * batch several times larger than one log message (so it travels as chunks). Keys spread over a few
 * leading bytes ({@code 00 01}, {@code 01}, {@code 'a'}, {@code 'h'}, {@code FF}), none in Cattle's reserved
 * range and none a geth head key, so a replica must end equal to the master key for key.
 *
 * <p>Counts the records it causes: one per put, delete or batch write (it never writes an empty batch).
 */
final class ReplicationWorkload {

    private static final byte[][] LEADS = {Bytes.of(0x00, 0x01), Bytes.of(0x01), Bytes.utf8("a"), Bytes.utf8("h"),
        Bytes.of(0xFF)};

    private final Random random;
    private final int maxMessageBytes;
    private final byte[] keyPrefix;
    private long records;

    /**
     * @param seed            what makes the run reproducible
     * @param maxMessageBytes the log's message limit, to size the batches that must be chunked
     */
    ReplicationWorkload(long seed, int maxMessageBytes) {
        this(seed, maxMessageBytes, new byte[0]);
    }

    /** A workload whose every key starts with {@code keyPrefix}, so several masters can write disjoint keys. */
    ReplicationWorkload(long seed, int maxMessageBytes, byte[] keyPrefix) {
        this.random = new Random(seed);
        this.maxMessageBytes = maxMessageBytes;
        this.keyPrefix = keyPrefix.clone();
    }

    /** Records caused so far. */
    long records() {
        return records;
    }

    /** Makes {@code steps} random writes on {@code master}, of which about one in forty is a chunked batch. */
    void run(Database master, int steps) {
        for (int i = 0; i < steps; i++) {
            int dice = random.nextInt(40);
            if (dice == 0) {
                oversizedBatch(master);
            } else if (dice < 16) {
                master.put(key(), value(random.nextInt(200)));
                records++;
            } else if (dice < 22) {
                master.delete(key());
                records++;
            } else {
                try (Batch batch = master.newBatch()) {
                    int ops = 1 + random.nextInt(40);
                    for (int op = 0; op < ops; op++) {
                        if (random.nextInt(5) == 0) {
                            batch.delete(key());
                        } else {
                            batch.put(key(), value(random.nextInt(300)));
                        }
                    }
                    batch.write();
                    records++;
                }
            }
        }
    }

    /** One batch of about three log messages' worth of puts (and a few deletes). */
    void oversizedBatch(Database master) {
        int valueBytes = Math.max(1, maxMessageBytes / 8);
        try (Batch batch = master.newBatch()) {
            for (int op = 0; op < 24; op++) {
                batch.put(key(), value(valueBytes));
                if (op % 8 == 0) {
                    batch.delete(key());
                }
            }
            batch.write();
            records++;
        }
    }

    /** A key drawn from a small space (so overwrites and deletes hit), sometimes a long one. */
    byte[] key() {
        byte[] lead = LEADS[random.nextInt(LEADS.length)];
        int length = random.nextInt(10) == 0 ? 32 : 1 + random.nextInt(2);
        byte[] tail = new byte[length];
        for (int i = 0; i < length; i++) {
            tail[i] = (byte) random.nextInt(length == 32 ? 256 : 12);
        }
        return Bytes.concat(keyPrefix, Bytes.concat(lead, tail));
    }

    private byte[] value(int length) {
        return Bytes.random(random, length);
    }
}
