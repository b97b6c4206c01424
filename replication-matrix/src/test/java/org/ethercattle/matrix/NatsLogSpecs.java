package org.ethercattle.matrix;

import java.nio.file.Path;
import org.ethercattle.brokers.NatsServer;

/** The JetStream spec every {@code Nats*ReplicationTest} row uses, so the rows differ only by store. */
final class NatsLogSpecs {

    private NatsLogSpecs() {}

    /**
     * A fresh stream on the JVM's shared nats-server, named after {@code emptyDirectory}'s whole path
     * (unique per test). The 16 KiB message limit makes the workload's oversized batches (sized from it)
     * travel as chunks while staying small.
     */
    static String spec(Path emptyDirectory) {
        String stream = emptyDirectory.toAbsolutePath().toString().replaceAll("[^A-Za-z0-9_-]", "_")
                .replaceAll("^_+", "");
        return "nats://" + NatsServer.shared().hostPort() + "/" + stream + "?maxMessageBytes=16k";
    }
}
