package org.ethercattle.matrix;

import java.nio.file.Path;
import org.ethercattle.tck.ReplicationTck;

/** The replication suite with LMDB (1 MiB initial map, sync=none; the JVM needs this module's add-opens) masters and replicas over a real Kafka topic (one partition, idempotent producer). */
class KafkaLmdbReplicationTest extends ReplicationTck {

    @Override
    protected String newStoreSpec(Path emptyDirectory) {
        return "lmdb:" + emptyDirectory.resolve("db") + "?mapSize=1m&sync=none";
    }

    @Override
    protected String newLogSpec(Path emptyDirectory) {
        return KafkaLogSpecs.spec(emptyDirectory);
    }
}
