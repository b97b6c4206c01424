package org.ethercattle.store.layered;

import java.nio.file.Path;
import org.ethercattle.tck.DatabaseTck;
import org.ethercattle.tck.StoreCapabilities;

/** A layered store of LMDB over RocksDB passes the TCK's DatabaseTck (with LMDB's key limits). */
class LmdbOverRocksDbDatabaseTckTest extends DatabaseTck {

    @Override
    protected String newStoreSpec(Path emptyDirectory) {
        return TestLayers.lmdbOverRocksDb(emptyDirectory);
    }

    @Override
    protected StoreCapabilities capabilities() {
        return TestLayers.LMDB_LAYER;
    }
}
