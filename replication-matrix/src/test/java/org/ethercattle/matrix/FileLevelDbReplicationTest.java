package org.ethercattle.matrix;

import java.nio.file.Path;
import org.ethercattle.tck.ReplicationTck;

/**
 * The replication suite with LevelDB masters and replicas over the embedded file log. A 1 MiB memtable
 * (instead of 64 MiB) keeps many stores per test cheap and makes replay reach LevelDB's table files.
 */
class FileLevelDbReplicationTest extends ReplicationTck {

    @Override
    protected String newStoreSpec(Path emptyDirectory) {
        return "leveldb:" + emptyDirectory.resolve("db") + "?writeBufferSize=1m";
    }

    @Override
    protected String newLogSpec(Path emptyDirectory) {
        return FileLogSpecs.spec(emptyDirectory);
    }
}
