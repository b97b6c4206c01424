package org.ethercattle.api;

/**
 * A key-value store: the thing a master captures and a replica replays into. The shape mirrors
 * go-ethereum's {@code ethdb.KeyValueStore}.
 *
 * <h2>Contract</h2>
 * The clauses are numbered so that the TCK's tests can name the one they check (e.g. "D3: ...");
 * writes follow {@link KeyValueWriter}'s clauses W1-W5, batches {@link Batch}'s B1-B8, cursors
 * {@link Cursor}'s C1-C8.
 * <ol>
 *   <li><b>D1 Keys and values</b> are arbitrary byte strings, the empty string included, unless the
 *       provider documents a key or value limit (see {@link KeyValueWriter}); a key or value beyond a
 *       limit is refused, never stored cut short. Up to the limits, every key and value comes back byte
 *       for byte.</li>
 *   <li><b>D2 Order.</b> Keys are ordered by unsigned lexicographic byte order (so {@code 0xFF} sorts
 *       after {@code 0x00}, and a key sorts after each of its prefixes).</li>
 *   <li><b>D3 Reads.</b> {@link #get} returns the value stored under a key, or {@code null} when the
 *       key is absent; an empty array means present with an empty value. {@link #has} says whether the
 *       key is present.</li>
 *   <li><b>D4 Ownership.</b> Arrays returned are fresh copies the caller owns. Arrays passed in may be
 *       reused by the caller once the method returns.</li>
 *   <li><b>D5 Atomicity.</b> A single {@link #put} or {@link #delete} is atomic. Several writes are
 *       atomic together only through {@link #newBatch()}; a batch is all-or-nothing, also across a
 *       crash.</li>
 *   <li><b>D6 Durability</b> is the provider's policy (its spec documents it); a persistent store keeps
 *       what it holds across {@link #close()} and a later open of the same spec. Replay relies only on
 *       atomicity: the checkpoint travels in the same batch as the data it covers.</li>
 *   <li><b>D7 Threads.</b> A database is safe for concurrent use by many threads: concurrent writers
 *       lose nothing. {@link Batch} and {@link Cursor} objects are not; each belongs to one thread at a
 *       time.</li>
 *   <li><b>D8 Visibility.</b> A {@link #get} after a completed write sees it, and a value is never seen
 *       in part. A cursor sees a consistent view as of its creation and never part of a batch.</li>
 *   <li><b>D9 Lifecycle.</b> {@link #close()} is idempotent. Any other call after close throws
 *       {@link StoreClosedException}.</li>
 *   <li><b>D10 Errors</b> are unchecked: {@link StoreException} (or a subtype) with a message naming the
 *       store and what to do.</li>
 *   <li><b>D11 Open modes.</b> A store opened {@link org.ethercattle.api.spi.OpenMode#READ_ONLY} serves
 *       reads and refuses every write (put, delete, a batch) with {@link ReadOnlyException}; a read-only
 *       open never creates a missing store. A store that admits one writing process at a time refuses a
 *       second process's read-write open with {@link StoreException} saying it is in use, until the first
 *       has closed it.</li>
 * </ol>
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
