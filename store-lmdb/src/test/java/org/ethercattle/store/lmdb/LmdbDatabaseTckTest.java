package org.ethercattle.store.lmdb;

import java.nio.file.Path;
import org.ethercattle.tck.DatabaseTck;
import org.ethercattle.tck.StoreCapabilities;

/** LMDB passes the Database TCK suite. */
class LmdbDatabaseTckTest extends DatabaseTck {

    @Override
    protected String newStoreSpec(Path emptyDirectory) {
        return LmdbTckStores.spec(emptyDirectory);
    }

    @Override
    protected StoreCapabilities capabilities() {
        return LmdbTckStores.CAPABILITIES;
    }
}
