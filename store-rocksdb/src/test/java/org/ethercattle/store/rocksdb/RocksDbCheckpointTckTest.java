package org.ethercattle.store.rocksdb;

import java.nio.file.Path;
import org.ethercattle.tck.CheckpointableTck;

/**
 * RocksDB passes the checkpoint suite; the spec carries parameters so that the suite's rebuilding of
 * the copy's spec (same parameters, new path) is exercised too.
 */
class RocksDbCheckpointTckTest extends CheckpointableTck {

    @Override
    protected String newStoreSpec(Path emptyDirectory) {
        return "rocksdb:" + emptyDirectory.resolve("db") + "?cacheSize=8m&writeBufferSize=1m";
    }
}
