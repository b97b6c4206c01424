package org.ethercattle.api;

/**
 * Writes queued in memory and applied to a {@link Database} atomically by {@link #write()}; mirrors
 * go-ethereum's {@code ethdb.Batch}.
 *
 * <p>Puts and deletes follow {@link KeyValueWriter}'s clauses W1-W5. The batch's own clauses are
 * numbered for the TCK's tests to name:
 * <ol>
 *   <li><b>B1</b> Queued writes are seen by nothing (no get, no cursor) until {@link #write()}, which
 *       applies every one of them in the order they were queued: the last write to a key wins, and
 *       writing an empty batch changes nothing.</li>
 *   <li><b>B2</b> {@link #write()} is all or nothing, also across a process crash.</li>
 *   <li><b>B3</b> {@link #write()} does not clear the batch: writing again applies the same writes again
 *       (geth semantics); {@link #reset()} clears it for reuse.</li>
 *   <li><b>B4</b> {@link #valueSize()} and {@link #count()} account for every queued write (see
 *       each).</li>
 *   <li><b>B5</b> {@link #replay(KeyValueWriter)} hands every queued write, in order, to the writer
 *       without applying it; an empty batch calls it zero times.</li>
 *   <li><b>B6</b> Each batch holds its own writes: two batches of one store never see each other's.</li>
 *   <li><b>B7</b> Not thread-safe: one thread at a time.</li>
 *   <li><b>B8</b> {@link #close()} releases native resources and is idempotent, leaving what was written
 *       in place; any other call after close throws {@link StoreClosedException}. Closing the database
 *       also makes its batches unusable: writing one then throws {@link StoreClosedException} and writes
 *       nothing.</li>
 * </ol>
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
