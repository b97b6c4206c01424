package org.ethercattle.log.kafka;

import java.nio.file.Path;
import java.util.Optional;
import org.ethercattle.tck.LogTck;
import org.ethercattle.brokers.KafkaBroker;

/**
 * The log TCK against a real Kafka broker: a fresh topic per spec, a 64 KiB message limit. Retention
 * runs through {@link RetainingKafkaLogProvider} ({@code deleteRecords}), since Kafka's own retention is
 * asynchronous.
 */
class KafkaLogTckTest extends LogTck {

    @Override
    protected String newLogSpec(Path emptyDirectory) {
        return TestTopics.spec("maxMessageBytes=64k");
    }

    @Override
    protected Optional<String> newLogSpecRetaining(Path emptyDirectory, int retainedEntries) {
        return Optional.of("kafka-retaining://" + KafkaBroker.shared().bootstrapServers() + "/" + TestTopics.fresh()
                + "?maxMessageBytes=64k&retainEntries=" + retainedEntries);
    }
}
