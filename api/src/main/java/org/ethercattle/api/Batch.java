package org.ethercattle.api;

/**
 * Writes queued in memory and applied to a {@link Database} atomically by {@link #write()}; mirrors
 * go-ethereum's {@code ethdb.Batch}.
 *
 * <ul>
 *   <li>Queued writes are applied in the order they were queued; the last write to a key wins.</li>
 *   <li>{@link #write()} is all or nothing, also across a process crash. It does not clear the batch:
 *       writing again applies the same writes again (geth semantics); {@link #reset()} clears it.</li>
 *   <li>Not thread-safe: one thread at a time.</li>
 *   <li>{@link #close()} releases native resources and is idempotent; any other call after close
 *       throws {@link StoreClosedException}. Closing the database also makes its batches unusable.</li>
 * </ul>
 */
public interface Batch extends KeyValueWriter, AutoCloseable {

    /**
     * Bytes queued so far: the sum of the lengths of every key and value put, and of every key
     * deleted. Used to flush by size.
     */
    long valueSize();

    /** Number of puts and deletes queued. */
    int count();

    /** Applies every queued write atomically. */
    void write();

    /** Drops every queued write so the batch can be reused. */
    void reset();

    /** Hands every queued write, in order, to {@code writer}. */
    void replay(KeyValueWriter writer);

    @Override
    void close();
}
