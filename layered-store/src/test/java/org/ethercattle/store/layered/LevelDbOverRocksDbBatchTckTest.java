package org.ethercattle.store.layered;

import java.nio.file.Path;
import org.ethercattle.tck.BatchTck;

/** A layered store of LevelDB over RocksDB passes the TCK's BatchTck. */
class LevelDbOverRocksDbBatchTckTest extends BatchTck {

    @Override
    protected String newStoreSpec(Path emptyDirectory) {
        return TestLayers.levelDbOverRocksDb(emptyDirectory);
    }
}
