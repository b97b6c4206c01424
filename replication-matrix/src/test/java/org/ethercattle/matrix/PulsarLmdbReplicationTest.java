package org.ethercattle.matrix;

import java.nio.file.Path;
import org.ethercattle.tck.ReplicationTck;

/**
 * The replication suite with LMDB masters and replicas (1 MiB initial map, sync=none, as in the file-log row; this module's argLine has the add-opens) over a real Pulsar topic (shared standalone).
 */
class PulsarLmdbReplicationTest extends ReplicationTck {

    @Override
    protected String newStoreSpec(Path emptyDirectory) {
        return "lmdb:" + emptyDirectory.resolve("db") + "?mapSize=1m&sync=none";
    }

    @Override
    protected String newLogSpec(Path emptyDirectory) {
        return PulsarLogSpecs.spec(emptyDirectory);
    }
}
