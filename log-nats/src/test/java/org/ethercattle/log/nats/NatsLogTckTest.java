package org.ethercattle.log.nats;

import java.nio.file.Path;
import java.util.Optional;
import org.ethercattle.tck.LogTck;

/**
 * The log suite against a real nats-server (the JVM's shared one): a new stream per spec, a 64 KiB
 * message limit, and retention through the stream's {@code maxMsgs} limit, which JetStream applies as it
 * stores each message.
 */
class NatsLogTckTest extends LogTck {

    @Override
    protected String newLogSpec(Path emptyDirectory) {
        return NatsTestStreams.spec(emptyDirectory, "maxMessageBytes=64k");
    }

    @Override
    protected Optional<String> newLogSpecRetaining(Path emptyDirectory, int retainedEntries) {
        return Optional.of(NatsTestStreams.spec(emptyDirectory, "maxMessageBytes=64k&maxMsgs=" + retainedEntries));
    }
}
