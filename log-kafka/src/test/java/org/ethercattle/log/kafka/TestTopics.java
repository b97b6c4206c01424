package org.ethercattle.log.kafka;

import java.util.UUID;
import org.ethercattle.brokers.KafkaBroker;

/** Specs for fresh topics on the test JVM's shared broker. */
final class TestTopics {

    private TestTopics() {}

    /** A topic name nobody used before. */
    static String fresh() {
        return "cattle-test-" + UUID.randomUUID();
    }

    /** {@code kafka://<shared broker>/<fresh topic>?<params>}. */
    static String spec(String params) {
        return "kafka://" + KafkaBroker.shared().bootstrapServers() + "/" + fresh() + (params.isEmpty() ? "" : "?" + params);
    }
}
