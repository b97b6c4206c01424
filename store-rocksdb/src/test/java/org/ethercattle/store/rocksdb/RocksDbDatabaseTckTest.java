package org.ethercattle.store.rocksdb;

import java.nio.file.Path;
import org.ethercattle.tck.DatabaseTck;

/** RocksDB passes the database suite of the TCK with every capability claimed. */
class RocksDbDatabaseTckTest extends DatabaseTck {

    @Override
    protected String newStoreSpec(Path emptyDirectory) {
        return "rocksdb:" + emptyDirectory.resolve("db");
    }
}
