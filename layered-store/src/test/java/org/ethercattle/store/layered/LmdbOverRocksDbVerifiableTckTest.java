package org.ethercattle.store.layered;

import java.nio.file.Path;
import org.ethercattle.tck.StoreCapabilities;
import org.ethercattle.tck.VerifiableTck;

/**
 * LMDB over RocksDB passes the Verifiable suite as a store not fully checked: the report says the LMDB top
 * keeps no checksums, and checks the RocksDB bottom's.
 */
class LmdbOverRocksDbVerifiableTckTest extends VerifiableTck {

    @Override
    protected String newStoreSpec(Path emptyDirectory) {
        return TestLayers.lmdbOverRocksDb(emptyDirectory);
    }

    @Override
    protected StoreCapabilities capabilities() {
        return TestLayers.LMDB_LAYER.withChecksums(false);
    }
}
