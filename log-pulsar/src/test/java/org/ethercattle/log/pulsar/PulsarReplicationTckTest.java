package org.ethercattle.log.pulsar;

import java.nio.file.Path;
import org.ethercattle.tck.ReplicationTck;

/**
 * The replication TCK over a fresh topic per test of the shared Pulsar standalone, with core's in-memory
 * store (named after the test's directory, so it outlives a replica's close within the JVM). The 16 KiB
 * message limit makes the workload's large batches travel as chunks.
 */
class PulsarReplicationTckTest extends ReplicationTck {

    @Override
    protected String newStoreSpec(Path emptyDirectory) {
        return "memory:" + emptyDirectory;
    }

    @Override
    protected String newLogSpec(Path emptyDirectory) {
        return PulsarTopics.spec(emptyDirectory, "maxMessageBytes=16k");
    }
}
