package org.ethercattle.matrix;

import java.nio.file.Path;
import org.ethercattle.tck.ReplicationTck;

/** The replication suite with in-memory masters and replicas over a real Kafka topic (one partition, idempotent producer). */
class KafkaMemoryReplicationTest extends ReplicationTck {

    @Override
    protected String newStoreSpec(Path emptyDirectory) {
        return "memory:" + emptyDirectory;
    }

    @Override
    protected String newLogSpec(Path emptyDirectory) {
        return KafkaLogSpecs.spec(emptyDirectory);
    }
}
