package org.ethercattle.log.nats;

import java.nio.file.Path;
import org.ethercattle.brokers.NatsServer;

/** Specs for fresh streams on the JVM's shared test server, named after the test's directory. */
final class NatsTestStreams {

    private NatsTestStreams() {}

    /** A stream name unique to {@code directory}: its whole path, with what JetStream forbids replaced. */
    static String name(Path directory) {
        String name = directory.toAbsolutePath().toString().replaceAll("[^A-Za-z0-9_-]", "_");
        return name.replaceAll("^_+", "");
    }

    /** A spec for a fresh stream on {@code server} with extra parameters ({@code a=b&c=d}, or empty). */
    static String spec(NatsServer server, Path directory, String parameters) {
        return "nats://" + server.hostPort() + "/" + name(directory) + (parameters.isEmpty() ? "" : "?" + parameters);
    }

    /** A spec for a fresh stream on the shared server. */
    static String spec(Path directory, String parameters) {
        return spec(NatsServer.shared(), directory, parameters);
    }
}
