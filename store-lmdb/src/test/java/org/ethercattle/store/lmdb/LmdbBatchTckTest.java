package org.ethercattle.store.lmdb;

import java.nio.file.Path;
import org.ethercattle.tck.BatchTck;
import org.ethercattle.tck.StoreCapabilities;

/** LMDB passes the Batch TCK suite. */
class LmdbBatchTckTest extends BatchTck {

    @Override
    protected String newStoreSpec(Path emptyDirectory) {
        return LmdbTckStores.spec(emptyDirectory);
    }

    @Override
    protected StoreCapabilities capabilities() {
        return LmdbTckStores.CAPABILITIES;
    }
}
