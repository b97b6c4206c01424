package org.ethercattle.matrix;

import java.nio.file.Path;
import org.ethercattle.tck.ReplicationTck;

/**
 * The replication suite with LevelDB masters and replicas (a 1 MiB memtable, as in the file-log row) over a real
 * NATS JetStream stream.
 */
class NatsLevelDbReplicationTest extends ReplicationTck {

    @Override
    protected String newStoreSpec(Path emptyDirectory) {
        return "leveldb:" + emptyDirectory.resolve("db") + "?writeBufferSize=1m";
    }

    @Override
    protected String newLogSpec(Path emptyDirectory) {
        return NatsLogSpecs.spec(emptyDirectory);
    }
}
