package org.ethercattle.store.layered;

import java.nio.file.Path;
import org.ethercattle.tck.BulkLoadableTck;

/** A layered store passes the hint to its RocksDB top layer, which defers its compaction in the mode. */
class RocksDbOverRocksDbBulkLoadableTckTest extends BulkLoadableTck {

    @Override
    protected String newStoreSpec(Path emptyDirectory) {
        return TestLayers.rocksDbOverRocksDb(emptyDirectory);
    }
}
