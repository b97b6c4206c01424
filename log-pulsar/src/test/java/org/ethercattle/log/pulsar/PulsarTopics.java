package org.ethercattle.log.pulsar;

import java.nio.file.Path;
import org.ethercattle.brokers.PulsarStandalone;

/** Specs for fresh topics on the JVM's shared Pulsar standalone, one topic per test directory. */
final class PulsarTopics {

    private PulsarTopics() {}

    /** A topic name made of {@code emptyDirectory}'s whole path, which is unique per test. */
    static String name(Path emptyDirectory) {
        return emptyDirectory.toAbsolutePath().toString().replaceAll("[^A-Za-z0-9_-]", "_").replaceAll("^_+", "");
    }

    /** {@code pulsar://<shared broker>/persistent/public/<namespace>/<topic from the directory>?<params>}. */
    static String spec(String namespace, Path emptyDirectory, String params) {
        return specNamed(namespace, name(emptyDirectory), params);
    }

    /** {@code pulsar://<shared broker>/persistent/public/<namespace>/<topic>?<params>}. */
    static String specNamed(String namespace, String topic, String params) {
        return "pulsar://" + PulsarStandalone.shared().hostPort() + "/persistent/public/" + namespace + "/"
                + topic + (params.isEmpty() ? "" : "?" + params);
    }

    /** A fresh topic in {@code public/default}. */
    static String spec(Path emptyDirectory, String params) {
        return spec("default", emptyDirectory, params);
    }
}
