package org.ethercattle.brokers;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * A real Kafka 4.1 broker in KRaft mode (broker and controller in one process, one node), run as a
 * separate java process on free loopback ports for tests, from the Maven Central jars of
 * {@code org.apache.kafka:kafka_2.13} and its runtime dependencies.
 *
 * <ul>
 *   <li><b>Classpath.</b> Read from the system property {@value #CLASSPATH_PROPERTY}: a path list or a
 *       directory of jars. A module whose tests need Kafka sets it in surefire's
 *       {@code systemPropertyVariables} from {@code maven-dependency-plugin:build-classpath} (see
 *       {@code log-kafka/pom.xml}); without it {@link #start()} fails saying so.</li>
 *   <li><b>Start.</b> Formats the storage ({@code kafka.tools.StorageTool format}, adding a SCRAM user),
 *       starts {@code kafka.Kafka server.properties} with {@code -Xmx512m}, and returns once an admin
 *       client's {@code describeCluster} answers. The wait is a hang guard ({@link #STARTUP_PATIENCE}),
 *       not a speed check. A broker that does not come up throws {@link IllegalStateException} with the
 *       tail of its log: tests fail, they never skip.</li>
 *   <li><b>Faults.</b> {@link #kill()} sends SIGKILL, {@link #stop()} SIGTERM (a clean shutdown), and
 *       {@link #restart()} starts it again on the same ports and data.</li>
 *   <li><b>Cleanup.</b> {@link #close()} kills the process and deletes its directory; a JVM shutdown hook
 *       does the same, so a failed or interrupted run leaves no broker behind.</li>
 *   <li><b>Sharing.</b> {@link #shared()} is one lazily started broker per test JVM (start-up costs
 *       seconds). Tests that kill it must {@link #restart()} it before they end, also when they fail.</li>
 * </ul>
 *
 * Thread-safe: every method is synchronized.
 */
public final class KafkaBroker implements AutoCloseable {

    /** The system property naming the broker's classpath. */
    public static final String CLASSPATH_PROPERTY = "cattle.kafka.classpath";

    /** Upper bound for a start, a generous hang guard on a loaded machine. */
    public static final Duration STARTUP_PATIENCE = Duration.ofSeconds(180);

    private static KafkaBroker shared;

    private final KafkaBrokerSettings settings;
    private final BrokerProcess process;
    private boolean closed;

    private KafkaBroker(KafkaBrokerSettings settings) {
        this.settings = settings;
        this.process = new BrokerProcess(settings.logFile(), Duration.ofSeconds(60));
    }

    /** The broker shared by every test of this JVM, started on first use; closed when the JVM exits. */
    public static synchronized KafkaBroker shared() {
        if (shared == null || shared.closed) {
            shared = start();
        }
        return shared;
    }

    /**
     * Formats and starts a new broker of its own (own ports, own directory).
     *
     * @throws IllegalStateException when the classpath property is missing or the broker does not start,
     *                               with the broker's log tail
     */
    public static KafkaBroker start() {
        String classpath = System.getProperty(CLASSPATH_PROPERTY);
        if (classpath == null || classpath.isBlank()) {
            throw new IllegalStateException("system property " + CLASSPATH_PROPERTY + " is not set: it must name the"
                    + " jars of org.apache.kafka:kafka_2.13 and its runtime dependencies (a path list or a directory)."
                    + " Set it in the module's surefire systemPropertyVariables from maven-dependency-plugin"
                    + " build-classpath, as log-kafka/pom.xml does");
        }
        KafkaBrokerSettings settings = KafkaBrokerSettings.create(KafkaBrokerSettings.classpathFrom(classpath));
        KafkaBroker broker = new KafkaBroker(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "kafka-broker-cleanup"));
        try {
            settings.writeProperties();
            broker.format();
            broker.launch();
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    /** {@code 127.0.0.1:<port>} of the PLAINTEXT listener. */
    public String bootstrapServers() {
        return settings.bootstrapServers();
    }

    /** {@code 127.0.0.1:<port>} of the SASL_PLAINTEXT listener (SCRAM-SHA-256 and SCRAM-SHA-512). */
    public String scramBootstrapServers() {
        return settings.scramBootstrapServers();
    }

    /** The SCRAM user the storage was formatted with. */
    public String scramUser() {
        return settings.scramUser();
    }

    /** The SCRAM user's password (random per broker). */
    public String scramPassword() {
        return settings.scramPassword();
    }

    /** Whether the broker process is alive. */
    public synchronized boolean isRunning() {
        return process.isRunning();
    }

    /** SIGKILL: the broker dies at once, as in a crash (the OS keeps what it wrote). */
    public synchronized void kill() {
        process.kill();
    }

    /** SIGTERM and wait for a clean shutdown (SIGKILL if it takes over a minute). */
    public synchronized void stop() {
        process.stop();
    }

    /** Starts the broker again on the same ports and data; stops it first if it runs. */
    public synchronized void restart() {
        if (closed) {
            throw new IllegalStateException("broker " + bootstrapServers() + " is closed");
        }
        stop();
        launch();
    }

    /** The last {@code lines} lines of the broker's log, for failure messages. */
    public String logTail(int lines) {
        return process.logTail(lines);
    }

    /** Kills the broker and deletes its directory. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        kill();
        BrokerProcess.deleteRecursively(settings.directory());
    }

    private void format() {
        Process formatting;
        try {
            formatting = BrokerProcess.startLogged(settings.formatCommand(), null, settings.logFile());
        } catch (IOException e) {
            throw new IllegalStateException("cannot run java to format Kafka's storage: " + e.getMessage(), e);
        }
        if (!waitFor(formatting, STARTUP_PATIENCE)) {
            formatting.destroyForcibly();
            throw failure("formatting Kafka's storage did not finish within " + STARTUP_PATIENCE);
        }
        if (formatting.exitValue() != 0) {
            throw failure("formatting Kafka's storage failed with exit code " + formatting.exitValue());
        }
    }

    private synchronized void launch() {
        Instant started = Instant.now();
        try {
            process.start(settings.serverCommand(), null);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the Kafka broker process: " + e.getMessage(), e);
        }
        awaitAnswer();
        System.err.println("[KafkaBroker] " + bootstrapServers() + " answers, "
                + Duration.between(started, Instant.now()).toMillis() + " ms after launch (" + settings.directory() + ")");
    }

    /** Polls describeCluster until the broker answers, it dies, or the patience runs out. */
    private void awaitAnswer() {
        Map<String, Object> props = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
        try (Admin admin = Admin.create(props)) {
            BrokerProcess.ReadinessProbe answers = () -> {
                try {
                    // A refused connection makes the admin call wait out its whole timeout: probe the port first.
                    if (BrokerProcess.acceptsConnections(KafkaBrokerSettings.HOST, settings.port())) {
                        admin.describeCluster(new DescribeClusterOptions().timeoutMs(5000)).nodes()
                                .get(10, TimeUnit.SECONDS);
                        return true;
                    }
                } catch (InterruptedException e) {
                    throw e;
                } catch (Exception notYet) {
                    // Still starting: the next poll asks again.
                }
                return false;
            };
            process.awaitReady(answers, STARTUP_PATIENCE, Duration.ofMillis(100), new BrokerProcess.StartupFailures() {
                @Override
                public IllegalStateException exited(int exitStatus) {
                    return failure("the Kafka broker exited with code " + exitStatus + " while starting");
                }

                @Override
                public IllegalStateException timedOut() {
                    return failure("the Kafka broker at " + bootstrapServers() + " did not answer within "
                            + STARTUP_PATIENCE);
                }

                @Override
                public IllegalStateException interrupted(InterruptedException cause) {
                    return new IllegalStateException("interrupted while waiting for the Kafka broker", cause);
                }
            });
        }
    }

    private IllegalStateException failure(String what) {
        return new IllegalStateException(what + "; the broker's directory is " + settings.directory()
                + ", the last lines of its log:\n" + logTail(40));
    }

    private static boolean waitFor(Process process, Duration patience) {
        try {
            return process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public String toString() {
        return "KafkaBroker{" + bootstrapServers() + ", " + settings.directory() + "}";
    }
}
