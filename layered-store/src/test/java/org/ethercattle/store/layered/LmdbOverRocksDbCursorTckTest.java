package org.ethercattle.store.layered;

import java.nio.file.Path;
import org.ethercattle.tck.CursorTck;
import org.ethercattle.tck.StoreCapabilities;

/** A layered store of LMDB over RocksDB passes the TCK's CursorTck (with LMDB's key limits). */
class LmdbOverRocksDbCursorTckTest extends CursorTck {

    @Override
    protected String newStoreSpec(Path emptyDirectory) {
        return TestLayers.lmdbOverRocksDb(emptyDirectory);
    }

    @Override
    protected StoreCapabilities capabilities() {
        return TestLayers.LMDB_LAYER;
    }
}
