package org.ethercattle.log.nats;

import java.nio.file.Path;
import org.ethercattle.tck.ReplicationTck;

/**
 * The replication suite over a real JetStream stream with core's in-memory store (named after the
 * test's directory, so it outlives a replica's close within the JVM). The 16 KiB message limit makes the
 * workload's large batches travel as chunks.
 */
class NatsReplicationTckTest extends ReplicationTck {

    @Override
    protected String newStoreSpec(Path emptyDirectory) {
        return "memory:" + emptyDirectory;
    }

    @Override
    protected String newLogSpec(Path emptyDirectory) {
        return NatsTestStreams.spec(emptyDirectory, "maxMessageBytes=16k");
    }
}
