package org.ethercattle.matrix;

import java.nio.file.Path;
import org.ethercattle.tck.ReplicationTck;

/**
 * The replication suite with LMDB masters and replicas (a 1 MiB initial map and sync=none, as in the file-log
 * row; the JVM needs this module's add-opens) over a real NATS JetStream stream.
 */
class NatsLmdbReplicationTest extends ReplicationTck {

    @Override
    protected String newStoreSpec(Path emptyDirectory) {
        return "lmdb:" + emptyDirectory.resolve("db") + "?mapSize=1m&sync=none";
    }

    @Override
    protected String newLogSpec(Path emptyDirectory) {
        return NatsLogSpecs.spec(emptyDirectory);
    }
}
