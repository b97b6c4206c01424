package org.ethercattle.store.layered;

import java.nio.file.Path;
import org.ethercattle.tck.BatchTck;
import org.ethercattle.tck.StoreCapabilities;

/** A layered store of LMDB over RocksDB passes the TCK's BatchTck (with LMDB's key limits). */
class LmdbOverRocksDbBatchTckTest extends BatchTck {

    @Override
    protected String newStoreSpec(Path emptyDirectory) {
        return TestLayers.lmdbOverRocksDb(emptyDirectory);
    }

    @Override
    protected StoreCapabilities capabilities() {
        return TestLayers.LMDB_LAYER;
    }
}
