package org.ethercattle.matrix;

import java.nio.file.Path;
import org.ethercattle.brokers.PulsarStandalone;

/** The Pulsar spec every {@code Pulsar*ReplicationTest} row uses, so the rows differ only by store. */
final class PulsarLogSpecs {

    private PulsarLogSpecs() {}

    /**
     * A fresh topic in {@code public/default} on the JVM's shared Pulsar standalone, named after
     * {@code emptyDirectory}'s whole path (unique per test). The 16 KiB message limit makes the workload's
     * oversized batches (sized from it) travel as chunks while staying small.
     */
    static String spec(Path emptyDirectory) {
        String topic = emptyDirectory.toAbsolutePath().toString().replaceAll("[^A-Za-z0-9_-]", "_").replaceAll("^_+", "");
        return "pulsar://" + PulsarStandalone.shared().hostPort() + "/persistent/public/default/" + topic
                + "?maxMessageBytes=16k";
    }
}
