package org.ethercattle.store.rocksdb;

import java.nio.file.Path;
import org.ethercattle.tck.CursorTck;

/** RocksDB passes the cursor suite of the TCK with every capability claimed. */
class RocksDbCursorTckTest extends CursorTck {

    @Override
    protected String newStoreSpec(Path emptyDirectory) {
        return "rocksdb:" + emptyDirectory.resolve("db");
    }
}
