package org.ethercattle.matrix;

import java.nio.file.Path;
import org.ethercattle.tck.ReplicationTck;

/**
 * The replication suite with core's in-memory store (named after the test's directory, so it outlives a
 * replica's close within the JVM) over the embedded file log. The log's small message limit makes the
 * workload's large batches travel as chunks.
 */
class FileMemoryReplicationTest extends ReplicationTck {

    @Override
    protected String newStoreSpec(Path emptyDirectory) {
        return "memory:" + emptyDirectory;
    }

    @Override
    protected String newLogSpec(Path emptyDirectory) {
        return FileLogSpecs.spec(emptyDirectory);
    }
}
