package org.ethercattle.matrix;

import java.nio.file.Path;
import java.util.UUID;
import org.ethercattle.brokers.KafkaBroker;

/** The Kafka spec every {@code Kafka*ReplicationTest} row uses, so the rows differ only by store. */
final class KafkaLogSpecs {

    private KafkaLogSpecs() {}

    /**
     * A fresh one-partition topic on the JVM's shared Kafka broker (created on first open). The 16 KiB
     * message limit makes the workload's oversized batches (sized from it) travel as chunks while
     * staying small.
     */
    static String spec(Path emptyDirectory) {
        return "kafka://" + KafkaBroker.shared().bootstrapServers() + "/matrix-" + UUID.randomUUID()
                + "?maxMessageBytes=16k";
    }
}
