package org.ethercattle.examples.mvstore;

import org.ethercattle.tck.StoreCapabilities;

/** What the MVStore adapter claims, shared by its TCK tests. */
final class MvStoreCapabilities {

    /**
     * Everything: persistent, a read-only mode, snapshot cursors, empty keys, no size limits, one writer
     * process (MVStore locks its file). The adapter implements no {@code Verifiable}, so {@code checksums}
     * is never checked.
     */
    static final StoreCapabilities CAPABILITIES = StoreCapabilities.full();

    private MvStoreCapabilities() {}
}
