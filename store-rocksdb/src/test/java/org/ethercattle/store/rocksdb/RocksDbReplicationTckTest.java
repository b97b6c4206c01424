package org.ethercattle.store.rocksdb;

import java.nio.file.Path;
import org.ethercattle.tck.ReplicationTck;

/**
 * Masters and replicas on RocksDB, replicated through core's in-memory log (a unique stream per test,
 * named by its directory) until the file log is wired in. A small message limit makes the workload's
 * chunked batches cheap.
 */
class RocksDbReplicationTckTest extends ReplicationTck {

    @Override
    protected String newStoreSpec(Path emptyDirectory) {
        return "rocksdb:" + emptyDirectory.resolve("db");
    }

    @Override
    protected String newLogSpec(Path emptyDirectory) {
        return "memory:" + emptyDirectory + "?maxMessageBytes=16k";
    }
}
