package org.ethercattle.store.rocksdb;

import java.nio.file.Path;
import org.ethercattle.tck.BulkLoadableTck;

/**
 * RocksDB passes the bulk-load suite; a small write buffer makes the suite's writes flush level-0 files while
 * compaction is paused, so there is deferred upkeep to catch up on.
 */
class RocksDbBulkLoadableTckTest extends BulkLoadableTck {

    @Override
    protected String newStoreSpec(Path emptyDirectory) {
        return "rocksdb:" + emptyDirectory.resolve("db") + "?writeBufferSize=1m";
    }
}
