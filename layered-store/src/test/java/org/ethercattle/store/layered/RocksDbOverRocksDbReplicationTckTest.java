package org.ethercattle.store.layered;

import java.nio.file.Path;
import org.ethercattle.tck.ReplicationTck;

/** Replicas on a layered store (RocksDB over RocksDB) replay a file log exactly like plain stores do. */
class RocksDbOverRocksDbReplicationTckTest extends ReplicationTck {

    @Override
    protected String newStoreSpec(Path emptyDirectory) {
        return TestLayers.rocksDbOverRocksDb(emptyDirectory);
    }

    @Override
    protected String newLogSpec(Path emptyDirectory) {
        return "file:" + emptyDirectory + "?maxMessageBytes=16k";
    }
}
