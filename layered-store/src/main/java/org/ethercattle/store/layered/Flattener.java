package org.ethercattle.store.layered;

import java.util.ArrayList;
import java.util.List;
import org.ethercattle.api.Batch;
import org.ethercattle.api.Cursor;
import org.ethercattle.api.Database;
import org.ethercattle.api.ReservedKeys;
import org.ethercattle.api.StoreException;

/**
 * Offline folding of a layered store into a plain one (what {@code cattle flatten} runs). Both ways write
 * in batches of about {@link #BATCH_BYTES} and write Cattle's reserved keys (the replica checkpoint) in
 * the <em>last</em> batch, so an interrupted fold never leaves a store whose checkpoint claims data it
 * does not hold:
 *
 * <ul>
 *   <li>{@link #copy}: an interrupted copy has no checkpoint at all; delete it and copy again.</li>
 *   <li>{@link #foldTopIntoBottom}: an interrupted fold leaves the bottom with its old checkpoint and
 *       some newer data, which replay from that checkpoint overwrites in order (replay is idempotent);
 *       and the layered store over it still reads the same, so folding again is also safe.</li>
 * </ul>
 *
 * Neither may run while anything else writes the stores involved.
 */
public final class Flattener {

    /** Bytes of keys and values per batch written. */
    public static final long BATCH_BYTES = 4L << 20;

    private Flattener() {}

    /**
     * Copies every entry {@code source} shows (for a layered store: the merged view) into
     * {@code target}, which must be empty. Returns the number of entries copied.
     *
     * @throws StoreException if {@code target} holds any key
     */
    public static long copy(Database source, Database target) {
        try (Cursor existing = target.cursor()) {
            if (existing.next()) {
                throw new StoreException("the flatten target " + target + " is not empty; flatten into a new,"
                        + " empty store");
            }
        }
        List<byte[][]> reserved = new ArrayList<>();
        long copied = 0;
        try (Cursor cursor = source.cursor(); Batch batch = target.newBatch()) {
            while (cursor.next()) {
                byte[] key = cursor.key();
                if (ReservedKeys.isReserved(key)) {
                    reserved.add(new byte[][] {key, cursor.value()});
                    continue;
                }
                batch.put(key, cursor.value());
                copied++;
                flushIfFull(batch);
            }
            for (byte[][] entry : reserved) {
                batch.put(entry[0], entry[1]);
                copied++;
            }
            batch.write();
        }
        return copied;
    }

    /**
     * Applies every write held by {@code top} (the raw top layer of a layered store, opened as a plain
     * store) to {@code bottom} (its bottom layer, opened for writing): values are put, tombstones delete.
     * Afterwards {@code bottom} alone reads like the layered store did. Returns the number of top entries
     * applied.
     */
    public static long foldTopIntoBottom(Database top, Database bottom) {
        List<byte[][]> reserved = new ArrayList<>();
        long applied = 0;
        try (Cursor cursor = top.cursor(); Batch batch = bottom.newBatch()) {
            while (cursor.next()) {
                byte[] key = cursor.key();
                byte[] stored = cursor.value();
                if (ReservedKeys.isReserved(key)) {
                    reserved.add(new byte[][] {key, stored});
                    continue;
                }
                apply(batch, key, stored);
                applied++;
                flushIfFull(batch);
            }
            for (byte[][] entry : reserved) {
                apply(batch, entry[0], entry[1]);
                applied++;
            }
            batch.write();
        }
        return applied;
    }

    private static void apply(Batch batch, byte[] key, byte[] stored) {
        if (TopValue.isTombstone(stored)) {
            batch.delete(key);
        } else {
            batch.put(key, TopValue.unwrap(stored));
        }
    }

    private static void flushIfFull(Batch batch) {
        if (batch.valueSize() >= BATCH_BYTES) {
            batch.write();
            batch.reset();
        }
    }
}
