package org.ethercattle.store.rocksdb;

import java.nio.file.Path;
import org.ethercattle.tck.BatchTck;

/** RocksDB passes the batch suite of the TCK with every capability claimed. */
class RocksDbBatchTckTest extends BatchTck {

    @Override
    protected String newStoreSpec(Path emptyDirectory) {
        return "rocksdb:" + emptyDirectory.resolve("db");
    }
}
