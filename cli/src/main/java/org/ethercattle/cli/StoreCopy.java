package org.ethercattle.cli;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.ethercattle.api.Batch;
import org.ethercattle.api.Cursor;
import org.ethercattle.api.Database;
import org.ethercattle.api.ReservedKeys;
import org.ethercattle.api.StoreException;
import org.ethercattle.core.Keyspace;

/**
 * Copies every key of one store into another, of any kind, reserved keys included so a replica's
 * checkpoint and head-guard memory travel with the data.
 *
 * <p>The source is read through one cursor, so the copy is the source's consistent view as of the
 * cursor's creation. User keys are written in batches of about {@code batchBytes}; the reserved keys are
 * held back (they are few and small) and written last, in the final batch. So a copy that stops part-way
 * (an error, a full disk, a kill) holds no checkpoint, and no replica can resume from a half copy as if
 * it were whole.
 *
 * <p>Not thread-safe; one copy per instance. The stores stay open: the caller owns them.
 */
final class StoreCopy {

    /** What a copy wrote. */
    record Result(long userKeys, long reservedKeys, long bytes, long batches) {

        long keys() {
            return userKeys + reservedKeys;
        }
    }

    private final Database source;
    private final Database target;
    private final long batchBytes;
    private final List<byte[][]> reserved = new ArrayList<>();

    /**
     * @param batchBytes bytes of keys and values after which a target batch is written (a single larger
     *                   entry gets a batch of its own)
     */
    StoreCopy(Database source, Database target, long batchBytes) {
        if (batchBytes < 1) {
            throw new IllegalArgumentException("batchBytes must be positive, got " + batchBytes);
        }
        this.source = source;
        this.target = target;
        this.batchBytes = batchBytes;
    }

    /** Whether {@code store} holds any key, reserved ones included. */
    static boolean isEmpty(Database store) {
        try (Cursor cursor = store.cursor()) {
            return !cursor.next();
        }
    }

    /**
     * Deletes every key of {@code store}: its reserved keys first, in their own batch, so that a store
     * emptied part-way no longer claims a checkpoint for data it lost.
     */
    static long clear(Database store, long batchBytes) {
        long deleted = deleteAll(store, ReservedKeys.PREFIX, batchBytes);
        return deleted + deleteAll(store, new byte[0], batchBytes);
    }

    private static long deleteAll(Database store, byte[] prefix, long batchBytes) {
        long deleted = 0;
        byte[] start = new byte[0];
        // Deletes go into batches written after the cursor is closed, so no store is asked to write under
        // a view it is still iterating (LMDB's read transaction would pin its map meanwhile). Each round
        // starts just after the last key deleted, rather than walking the tombstones of earlier rounds.
        while (true) {
            List<byte[]> keys = new ArrayList<>();
            long bytes = 0;
            try (Cursor cursor = store.cursor(prefix, start)) {
                while (bytes < batchBytes && cursor.next()) {
                    byte[] key = cursor.key();
                    keys.add(key);
                    bytes += key.length;
                }
            }
            if (keys.isEmpty()) {
                return deleted;
            }
            try (Batch batch = store.newBatch()) {
                keys.forEach(batch::delete);
                batch.write();
            }
            deleted += keys.size();
            byte[] last = keys.get(keys.size() - 1);
            // The smallest key after `last`, written relative to the prefix as cursor() expects.
            start = Arrays.copyOfRange(last, prefix.length, last.length + 1);
        }
    }

    /** Copies the source's view into the target and returns what was written. */
    Result run(Progress progress) {
        long userKeys = 0;
        long bytes = 0;
        long batches = 0;
        try (Cursor cursor = source.cursor(); Batch batch = target.newBatch()) {
            while (cursor.next()) {
                byte[] key = cursor.key();
                byte[] value = cursor.value();
                bytes += key.length + value.length;
                if (ReservedKeys.isReserved(key)) {
                    reserved.add(new byte[][] {key, value});
                    continue;
                }
                batch.put(key, value);
                userKeys++;
                if (batch.valueSize() >= batchBytes) {
                    batch.write();
                    batch.reset();
                    batches++;
                    progress.copied(userKeys, bytes);
                }
            }
            for (byte[][] entry : reserved) {
                batch.put(entry[0], entry[1]);
            }
            if (batch.count() > 0) {
                batch.write();
                batches++;
            }
        }
        return new Result(userKeys, reserved.size(), bytes, batches);
    }

    /**
     * The first difference between the source and the target after {@link #run}: user keys compared by
     * {@link Keyspace#firstDifference} (fresh cursors on both stores, so a source written meanwhile
     * differs), then every reserved key copied read back from the target.
     */
    Optional<String> firstDifference() {
        Optional<String> user = Keyspace.firstDifference(source, target);
        if (user.isPresent()) {
            return user;
        }
        for (byte[][] entry : reserved) {
            byte[] got = target.get(entry[0]);
            if (!Arrays.equals(entry[1], got)) {
                return Optional.of("reserved key '" + reservedName(entry[0]) + "' was not copied intact ("
                        + (got == null ? "absent" : got.length + " bytes instead of " + entry[1].length) + ")");
            }
        }
        return Optional.empty();
    }

    /** The name of a reserved key, as given to {@link ReservedKeys#key(String)}. */
    private static String reservedName(byte[] key) {
        return new String(key, ReservedKeys.PREFIX.length, key.length - ReservedKeys.PREFIX.length,
                StandardCharsets.UTF_8);
    }

    /** Told after each batch written; e.g. prints a progress line now and then. */
    @FunctionalInterface
    interface Progress {
        void copied(long userKeys, long bytes);
    }

    /** Fails with a message naming both stores when {@link #firstDifference} finds one. */
    static StoreException mismatch(String from, String to, String difference) {
        return new StoreException("copy from " + from + " to " + to + " does not match its source: " + difference
                + "; was the source written during the copy? Copy from a stopped replica or a checkpoint,"
                + " then run cattle copy again with --force");
    }
}
