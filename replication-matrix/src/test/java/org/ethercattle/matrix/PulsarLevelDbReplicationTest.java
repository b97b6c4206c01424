package org.ethercattle.matrix;

import java.nio.file.Path;
import org.ethercattle.tck.ReplicationTck;

/**
 * The replication suite with LevelDB masters and replicas (1 MiB memtable, as in the file-log row) over a real Pulsar topic (shared standalone).
 */
class PulsarLevelDbReplicationTest extends ReplicationTck {

    @Override
    protected String newStoreSpec(Path emptyDirectory) {
        return "leveldb:" + emptyDirectory.resolve("db") + "?writeBufferSize=1m";
    }

    @Override
    protected String newLogSpec(Path emptyDirectory) {
        return PulsarLogSpecs.spec(emptyDirectory);
    }
}
