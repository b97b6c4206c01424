package org.ethercattle.store.leveldb;

import java.nio.file.Path;
import org.ethercattle.tck.ReplicationTck;

/**
 * LevelDB masters and replicas through core's in-memory log (named after the test's directory, so each
 * test gets its own stream). The small message limit makes the workloads' large batches travel in chunks.
 */
class LevelDbReplicationTckTest extends ReplicationTck {

    @Override
    protected String newStoreSpec(Path emptyDirectory) {
        return "leveldb:" + emptyDirectory.resolve("db") + "?writeBufferSize=1m";
    }

    @Override
    protected String newLogSpec(Path emptyDirectory) {
        return "memory:" + emptyDirectory + "?maxMessageBytes=16k";
    }
}
