package org.ethercattle.log.kafka;

import java.nio.file.Path;
import org.ethercattle.tck.ReplicationTck;

/** The replication TCK through a real Kafka broker into core's in-memory store; 16 KiB messages so batches chunk. */
class KafkaReplicationTckTest extends ReplicationTck {

    @Override
    protected String newStoreSpec(Path emptyDirectory) {
        return "memory:" + emptyDirectory;
    }

    @Override
    protected String newLogSpec(Path emptyDirectory) {
        return TestTopics.spec("maxMessageBytes=16k");
    }
}
