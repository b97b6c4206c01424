package org.ethercattle.matrix;

import java.nio.file.Path;
import org.ethercattle.tck.ReplicationTck;

/** The replication suite with RocksDB masters and replicas over a real Kafka topic (one partition, idempotent producer). */
class KafkaRocksDbReplicationTest extends ReplicationTck {

    @Override
    protected String newStoreSpec(Path emptyDirectory) {
        return "rocksdb:" + emptyDirectory.resolve("db");
    }

    @Override
    protected String newLogSpec(Path emptyDirectory) {
        return KafkaLogSpecs.spec(emptyDirectory);
    }
}
