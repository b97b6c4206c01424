package org.ethercattle.store.lmdb;

import java.nio.file.Path;
import org.ethercattle.tck.StoreCapabilities;

/** What the TCK suites are told about LMDB, in one place. */
final class LmdbTckStores {

    /** Persistent, read-only mode, snapshot cursors; no empty key, keys up to 511 bytes. */
    static final StoreCapabilities CAPABILITIES =
            StoreCapabilities.full().withEmptyKeys(false).withMaxKeyBytes(LmdbDatabase.MAX_KEY_BYTES);

    private LmdbTckStores() {}

    /**
     * A small initial map, so the suites also exercise map growth; {@code sync=none} because the suites
     * check behaviour, not power-loss durability, and an fsync per single put made them 5x slower.
     */
    static String spec(Path directory) {
        return "lmdb:" + directory + "?mapSize=1m&sync=none";
    }
}
