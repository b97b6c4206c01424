package org.ethercattle.store.layered;

import java.nio.file.Path;
import org.ethercattle.tck.StoreGaugesTck;

/** A layered store shows the gauges of its RocksDB top layer, so they are named after RocksDB. */
class RocksDbOverRocksDbStoreGaugesTckTest extends StoreGaugesTck {

    @Override
    protected String newStoreSpec(Path emptyDirectory) {
        return TestLayers.rocksDbOverRocksDb(emptyDirectory);
    }

    @Override
    protected String kind(String spec) {
        return "rocksdb";
    }
}
