package org.ethercattle.matrix;

import java.nio.file.Path;
import org.ethercattle.tck.ReplicationTck;

/** The replication suite with LevelDB masters and replicas over a real Kafka topic (one partition, idempotent producer). */
class KafkaLevelDbReplicationTest extends ReplicationTck {

    @Override
    protected String newStoreSpec(Path emptyDirectory) {
        return "leveldb:" + emptyDirectory.resolve("db") + "?writeBufferSize=1m";
    }

    @Override
    protected String newLogSpec(Path emptyDirectory) {
        return KafkaLogSpecs.spec(emptyDirectory);
    }
}
