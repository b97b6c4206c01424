package org.ethercattle.api;

/**
 * Optional store capability: a mode for taking a long run of batch writes as fast as the store can, for
 * a replica that is catching up on a backlog and does not report ready yet. The replayer enters it once a
 * catch-up has applied enough to matter and leaves it when the catch-up ends.
 *
 * <p>In the mode a store may let background upkeep fall behind the writes (an LSM store lets more
 * unmerged files pile up before it throttles writers). The clauses are numbered for the TCK's tests to
 * name:
 *
 * <ol>
 *   <li><b>BL1</b> A store with the mode implements this interface; callers find it with
 *       {@code instanceof}, and decorators forward it.</li>
 *   <li><b>BL2</b> In the mode the contract of {@link Database} holds unchanged: every write is visible and
 *       atomic, reads stay correct, but they may be slower while the upkeep is behind.</li>
 *   <li><b>BL3</b> The mode changes no data on disk and is not persistent: a store opened again starts out
 *       of it, holding everything written in it.</li>
 *   <li><b>BL4</b> Leaving the mode must not stall the writes that follow it: a store that stopped writers
 *       until its upkeep caught up would turn a replica's first live blocks into lag. So
 *       {@link #endBulkLoad()} returns at once, and the store returns to its normal limits in the
 *       background as the upkeep catches up.</li>
 *   <li><b>BL5</b> Both methods are idempotent.</li>
 *   <li><b>BL6</b> Both are safe from any thread, also beside writers.</li>
 *   <li><b>BL7</b> Both throw {@link StoreClosedException} after close.</li>
 *   <li><b>BL8</b> A store opened read-only may ignore them (they then do nothing, and throw nothing).</li>
 *   <li><b>BL9</b> {@link #deferredUpkeepPending()} tells when the deferred upkeep is under way (see
 *       it).</li>
 * </ol>
 */
public interface BulkLoadable {

    /** Enters the bulk-load mode (nothing happens when already in it). */
    void beginBulkLoad();

    /**
     * Leaves the bulk-load mode without waiting for deferred upkeep (nothing happens when not in it); the
     * store's normal limits return once the upkeep has caught up.
     */
    void endBulkLoad();

    /**
     * Whether upkeep the mode deferred is still under way: true in the mode, and after it until the store is
     * back to its normal state (an LSM store has merged the files it let pile up). Reads are correct
     * meanwhile but may be much slower, so a replica does not report ready before this turns false.
     * Cheap (no I/O), safe from any thread; false once closed, and for a store that defers nothing.
     */
    default boolean deferredUpkeepPending() {
        return false;
    }
}
