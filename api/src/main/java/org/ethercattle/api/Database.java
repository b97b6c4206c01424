package org.ethercattle.api;

/**
 * A key-value store: the thing a master captures and a replica replays into. The shape mirrors
 * go-ethereum's {@code ethdb.KeyValueStore}.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li><b>Keys and values</b> are arbitrary byte strings, the empty string included, unless the
 *       provider documents a key or value limit (see {@link KeyValueWriter}). Keys are ordered
 *       by unsigned lexicographic byte order (so {@code 0xFF} sorts after {@code 0x00}, and a key
 *       sorts after each of its prefixes).</li>
 *   <li><b>Ownership.</b> Arrays returned are fresh copies the caller owns. Arrays passed in may be
 *       reused by the caller once the method returns.</li>
 *   <li><b>Atomicity.</b> A single {@link #put} or {@link #delete} is atomic. Several writes are
 *       atomic together only through {@link #newBatch()}; a batch is all-or-nothing, also across a
 *       crash.</li>
 *   <li><b>Durability</b> is the provider's policy (its spec documents it). Replay relies only on
 *       atomicity: the checkpoint travels in the same batch as the data it covers.</li>
 *   <li><b>Threads.</b> A database is safe for concurrent use by many threads. {@link Batch} and
 *       {@link Cursor} objects are not; each belongs to one thread at a time.</li>
 *   <li><b>Visibility.</b> A {@link #get} after a completed write sees it. A cursor sees a
 *       consistent view as of its creation and never part of a batch.</li>
 *   <li><b>Lifecycle.</b> {@link #close()} is idempotent. Any other call after close throws
 *       {@link StoreClosedException}.</li>
 *   <li><b>Errors</b> are unchecked: {@link StoreException} (or a subtype) with a message naming the
 *       store and what to do.</li>
 * </ul>
 *
 * <p>Optional capabilities are separate small interfaces a store may also implement, and callers test for
 * them with {@code instanceof}: {@link Checkpointable} (consistent snapshots), {@link BulkLoadable} (a hint
 * for long catch-ups), {@link StoreGauges} (size and background-work figures) and {@link Verifiable} (the
 * store's own checksum pass).
 */
public interface Database extends KeyValueWriter, AutoCloseable {

    /**
     * Returns the value stored under {@code key}, or {@code null} when the key is absent. An empty
     * array means the key is present with an empty value.
     */
    byte[] get(byte[] key);

    /** Returns whether {@code key} is present (with any value, the empty one included). */
    boolean has(byte[] key);

    /** Returns a new, empty batch that writes into this database when {@link Batch#write()} is called. */
    Batch newBatch();

    /**
     * Opens a cursor over the keys that start with {@code prefix}, beginning at the first key
     * {@code >= prefix + start} (geth's {@code NewIterator(prefix, start)}). Both may be empty arrays;
     * {@code null} is treated as empty. The caller must close the cursor.
     */
    Cursor cursor(byte[] prefix, byte[] start);

    /** Opens a cursor over every key in order. */
    default Cursor cursor() {
        return cursor(new byte[0], new byte[0]);
    }

    /**
     * Releases the store. Idempotent: closing twice is harmless. Batches and cursors still open
     * become unusable.
     */
    @Override
    void close();
}
