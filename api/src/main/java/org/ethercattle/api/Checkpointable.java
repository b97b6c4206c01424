package org.ethercattle.api;

import java.nio.file.Path;

/**
 * Optional store capability: a consistent on-disk copy of a live store, taken while other threads keep
 * writing, so a replica checkpoint stored in the same batches as the data travels with it. The clauses
 * are numbered for the TCK's tests to name:
 *
 * <ol>
 *   <li><b>CP1</b> A store that takes such copies implements this interface; callers find it with
 *       {@code instanceof}.</li>
 *   <li><b>CP2</b> The copy holds exactly the effects of some prefix of the completed batches (never part
 *       of one), every batch completed before {@link #checkpoint} began included: a copy of a store no
 *       one is writing holds exactly its data.</li>
 *   <li><b>CP3</b> The copy opens as a normal store of the same kind (same scheme, path
 *       {@code target}).</li>
 *   <li><b>CP4</b> The copy and the store are independent once it is written: writes to either never show
 *       in the other, and the copy outlives the store (closing and deleting it leaves the copy whole).</li>
 *   <li><b>CP5</b> {@code target} must not exist yet and its parent must; otherwise {@link StoreException}
 *       and nothing in place is touched. A copy that fails is removed.</li>
 *   <li><b>CP6</b> {@link #checkpoint} blocks until the copy is complete and durable.</li>
 *   <li><b>CP7</b> A store opened read-only may be checkpointed too. The copy still holds a prefix of whole
 *       batches (CP2), though a store that cannot flush while read-only may leave out what only its log
 *       holds (RocksDB: the newest writes may be only in its write-ahead log); the store is unchanged.</li>
 *   <li><b>CP8</b> After the store is closed, {@link #checkpoint} throws {@link StoreClosedException} and
 *       writes nothing.</li>
 * </ol>
 */
public interface Checkpointable {

    /**
     * Writes the copy into {@code target}, which must not exist yet (its parent must). Blocks until the
     * copy is complete and durable (CP6). A store opened read-only may be checkpointed too (CP7).
     *
     * @throws StoreException       if {@code target} exists, its parent does not, or the copy fails (the
     *                              partial copy is removed)
     * @throws StoreClosedException if the store is closed
     */
    void checkpoint(Path target);
}
