package org.ethercattle.api;

import java.nio.file.Path;

/**
 * Optional store capability: a consistent on-disk copy of a live store, taken while other threads keep
 * writing. The copy holds exactly the effects of some prefix of the completed batches (never part of
 * one), so a replica checkpoint stored in the same batches as the data travels with it.
 *
 * <p>The copy opens as a normal store of the same kind (same scheme, path {@code target}).
 */
public interface Checkpointable {

    /**
     * Writes the copy into {@code target}, which must not exist yet (its parent must). Blocks until the
     * copy is complete and durable.
     *
     * <p>A store opened read-only may be checkpointed too.
     *
     * @throws StoreException if {@code target} exists, its parent does not, or the copy fails (the
     *                        partial copy is removed)
     */
    void checkpoint(Path target);
}
