package org.ethercattle.store.layered;

import java.nio.file.Path;
import org.ethercattle.tck.BatchTck;

/** A layered store of RocksDB over RocksDB passes the TCK's BatchTck. */
class RocksDbOverRocksDbBatchTckTest extends BatchTck {

    @Override
    protected String newStoreSpec(Path emptyDirectory) {
        return TestLayers.rocksDbOverRocksDb(emptyDirectory);
    }
}
