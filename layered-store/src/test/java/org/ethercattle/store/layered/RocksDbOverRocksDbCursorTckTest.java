package org.ethercattle.store.layered;

import java.nio.file.Path;
import org.ethercattle.tck.CursorTck;

/** A layered store of RocksDB over RocksDB passes the TCK's CursorTck. */
class RocksDbOverRocksDbCursorTckTest extends CursorTck {

    @Override
    protected String newStoreSpec(Path emptyDirectory) {
        return TestLayers.rocksDbOverRocksDb(emptyDirectory);
    }
}
