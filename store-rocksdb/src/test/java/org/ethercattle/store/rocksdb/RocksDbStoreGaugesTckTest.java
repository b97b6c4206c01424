package org.ethercattle.store.rocksdb;

import java.nio.file.Path;
import org.ethercattle.tck.StoreGaugesTck;

/** RocksDB passes the gauges suite. */
class RocksDbStoreGaugesTckTest extends StoreGaugesTck {

    @Override
    protected String newStoreSpec(Path emptyDirectory) {
        return "rocksdb:" + emptyDirectory.resolve("db");
    }
}
