package org.ethercattle.matrix;

import java.nio.file.Path;
import org.ethercattle.tck.ReplicationTck;

/**
 * The replication suite with core's in-memory store (named after the test's directory, so it outlives a replica's close) over a real Pulsar topic (shared standalone).
 */
class PulsarMemoryReplicationTest extends ReplicationTck {

    @Override
    protected String newStoreSpec(Path emptyDirectory) {
        return "memory:" + emptyDirectory;
    }

    @Override
    protected String newLogSpec(Path emptyDirectory) {
        return PulsarLogSpecs.spec(emptyDirectory);
    }
}
