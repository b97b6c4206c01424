package org.ethercattle.matrix;

import java.nio.file.Path;
import org.ethercattle.tck.ReplicationTck;

/**
 * The replication suite with RocksDB masters and replicas (default options) over a real Pulsar topic (shared standalone).
 */
class PulsarRocksDbReplicationTest extends ReplicationTck {

    @Override
    protected String newStoreSpec(Path emptyDirectory) {
        return "rocksdb:" + emptyDirectory.resolve("db");
    }

    @Override
    protected String newLogSpec(Path emptyDirectory) {
        return PulsarLogSpecs.spec(emptyDirectory);
    }
}
