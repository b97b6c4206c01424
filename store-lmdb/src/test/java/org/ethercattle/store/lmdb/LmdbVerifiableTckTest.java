package org.ethercattle.store.lmdb;

import java.nio.file.Path;
import org.ethercattle.tck.StoreCapabilities;
import org.ethercattle.tck.VerifiableTck;

/**
 * LMDB passes the Verifiable suite as a store without checksums: its pass walks every entry in key order and
 * says that damaged values cannot be detected. No damage hook: a flipped byte in a value goes unseen, and one
 * in a B-tree page may crash the walk rather than be reported.
 */
class LmdbVerifiableTckTest extends VerifiableTck {

    @Override
    protected String newStoreSpec(Path emptyDirectory) {
        return LmdbTckStores.spec(emptyDirectory);
    }

    @Override
    protected StoreCapabilities capabilities() {
        return LmdbTckStores.CAPABILITIES.withChecksums(false);
    }
}
