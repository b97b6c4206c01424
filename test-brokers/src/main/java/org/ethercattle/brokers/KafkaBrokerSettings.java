package org.ethercattle.brokers;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.ethercattle.tck.ChildJvm;

/**
 * How a test Kafka broker is laid out and launched: its free loopback ports, its directory, its
 * {@code server.properties} (KRaft, broker and controller in one process, one node) and the two java
 * command lines (format the storage, run the server). Immutable once created.
 *
 * <p>Listeners: {@code PLAINTEXT} for tests, {@code SASL_PLAINTEXT} with SCRAM-SHA-256 and SCRAM-SHA-512
 * for security tests (user {@link #scramUser()} with a random password, added when the storage is
 * formatted), and the controller's own listener.
 *
 * @param directory  holds {@code server.properties}, {@code data/} and {@code broker.log}
 * @param classpath  the broker's classpath (kafka_2.13 and its runtime dependencies)
 * @param port       the PLAINTEXT listener's port
 * @param scramPort  the SASL_PLAINTEXT (SCRAM) listener's port
 * @param controllerPort the KRaft controller listener's port
 * @param clusterId  the id the storage is formatted with
 * @param scramPassword the SCRAM user's password
 */
record KafkaBrokerSettings(Path directory, String classpath, int port, int scramPort, int controllerPort,
                           String clusterId, String scramPassword) {

    static final String HOST = "127.0.0.1";

    static KafkaBrokerSettings create(String classpath) {
        try {
            Path directory = Files.createTempDirectory("cattle-kafka-");
            int[] ports = freePorts(3);
            SecureRandom random = new SecureRandom();
            return new KafkaBrokerSettings(directory, classpath, ports[0], ports[1], ports[2], clusterId(random),
                    "pw-" + Long.toHexString(random.nextLong()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for a test Kafka broker", e);
        }
    }

    /** Kafka's cluster id form: 16 random bytes, URL-safe base64 without padding, not starting with '-'. */
    private static String clusterId(SecureRandom random) {
        while (true) {
            byte[] bytes = new byte[16];
            random.nextBytes(bytes);
            String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            if (!id.startsWith("-")) {
                return id;
            }
        }
    }

    /** Ports free right now; all sockets are held until every port is picked, so they differ. */
    private static int[] freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST));
                socket.setReuseAddress(true);
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }

    String scramUser() {
        return "cattle-test";
    }

    String bootstrapServers() {
        return HOST + ":" + port;
    }

    String scramBootstrapServers() {
        return HOST + ":" + scramPort;
    }

    Path propertiesFile() {
        return directory.resolve("server.properties");
    }

    Path logFile() {
        return directory.resolve("broker.log");
    }

    /** Writes {@code server.properties}. */
    void writeProperties() {
        String scramJaas = "org.apache.kafka.common.security.scram.ScramLoginModule required;";
        String text = String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@" + HOST + ":" + controllerPort,
                "listeners=PLAINTEXT://" + HOST + ":" + port + ",SASL_PLAINTEXT://" + HOST + ":" + scramPort
                        + ",CONTROLLER://" + HOST + ":" + controllerPort,
                "advertised.listeners=PLAINTEXT://" + HOST + ":" + port + ",SASL_PLAINTEXT://" + HOST + ":" + scramPort,
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name=PLAINTEXT",
                "controller.listener.names=CONTROLLER",
                "listener.name.sasl_plaintext.sasl.enabled.mechanisms=SCRAM-SHA-256,SCRAM-SHA-512",
                "listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config=" + scramJaas,
                "listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=" + scramJaas,
                "log.dirs=" + directory.resolve("data"),
                "num.partitions=1",
                "auto.create.topics.enable=false",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                // After a SIGKILL the controller waits for the dead incarnation's session to expire before
                // the restarted broker may register (9 s by default). 5 s still tolerates pauses of a loaded machine.
                "broker.session.timeout.ms=5000",
                "broker.heartbeat.interval.ms=1000",
                // Tests create a topic per test: keep each partition's files small.
                "log.segment.bytes=8388608",
                "log.index.size.max.bytes=1048576",
                "");
        try {
            Files.createDirectories(directory.resolve("data"));
            Files.writeString(propertiesFile(), text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + propertiesFile(), e);
        }
    }

    /** {@code kafka.tools.StorageTool format}, with the SCRAM user's credentials as bootstrap records. */
    List<String> formatCommand() {
        return java("kafka.tools.StorageTool").withArguments("format", "-t", clusterId, "-c", propertiesFile().toString(),
                "--add-scram", "SCRAM-SHA-256=[name=" + scramUser() + ",password=" + scramPassword + "]",
                "--add-scram", "SCRAM-SHA-512=[name=" + scramUser() + ",password=" + scramPassword + "]").command();
    }

    /** {@code kafka.Kafka server.properties}. */
    List<String> serverCommand() {
        return java("kafka.Kafka").withArguments(propertiesFile().toString()).command();
    }

    private ChildJvm java(String mainClass) {
        // Small heap, serial GC and C1 only: the machine is shared, and start-up time matters more than peak speed.
        return ChildJvm.running(mainClass).withClasspath(classpath).withJvmOptions("-Xmx512m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Djava.net.preferIPv4Stack=true", "-Djava.awt.headless=true",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-Dorg.slf4j.simpleLogger.log.kafka.server.KafkaRaftServer=info",
                "-Dorg.slf4j.simpleLogger.showDateTime=true");
    }

    /** The classpath from {@code value}: a path list, or a directory whose jars are all used. */
    static String classpathFrom(String value) {
        Path single = Path.of(value.trim());
        if (!value.contains(File.pathSeparator) && Files.isDirectory(single)) {
            return single.resolve("*").toString();
        }
        return value.trim();
    }
}
