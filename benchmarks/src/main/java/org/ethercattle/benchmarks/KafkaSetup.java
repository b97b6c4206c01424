package org.ethercattle.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ethercattle.brokers.KafkaBroker;

/**
 * The Kafka broker the Kafka benchmarks run against: {@link KafkaBroker#shared()}, a real single-node
 * KRaft broker in its own process on a free loopback port, started once per benchmark JVM and killed
 * when it exits. Its classpath comes from {@code kafka-broker.classpath} and
 * {@code kafka-broker-logging.classpath}, which the build writes next to the benchmarks jar.
 *
 * <p>Spec templates name the broker as {@code {kafka}}, e.g. {@code kafka://{kafka}/bench-{uuid}}.
 */
final class KafkaSetup {

    /** The placeholder for the broker's {@code host:port}. */
    static final String BROKER = "{kafka}";

    private KafkaSetup() {}

    /** {@code template} with {@code {kafka}} replaced by a running broker's address (started on first use). */
    static String resolve(String template) {
        if (!template.contains(BROKER)) {
            return template;
        }
        return template.replace(BROKER, broker().bootstrapServers());
    }

    /** The shared broker, started on first use. */
    static synchronized KafkaBroker broker() {
        if (System.getProperty(KafkaBroker.CLASSPATH_PROPERTY) == null) {
            Path dir = buildDirectory();
            System.setProperty(KafkaBroker.CLASSPATH_PROPERTY, read(dir.resolve("kafka-broker.classpath"))
                    + java.io.File.pathSeparator + read(dir.resolve("kafka-broker-logging.classpath")));
        }
        return KafkaBroker.shared();
    }

    private static Path buildDirectory() {
        try {
            Path location = Path.of(KafkaSetup.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return location.getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the benchmarks jar to find kafka-broker.classpath", e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ", the Kafka broker's classpath; build the"
                    + " benchmarks with maven (mvn -pl benchmarks -am package), which writes it", e);
        }
    }
}
