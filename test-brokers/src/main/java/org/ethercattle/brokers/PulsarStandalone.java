package org.ethercattle.brokers;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.ethercattle.tck.ChildJvm;

/**
 * A real Apache Pulsar standalone (broker, one bookie, RocksDB metadata) run as a separate JVM on free
 * loopback ports for tests: {@code org.apache.pulsar.PulsarStandaloneStarter -c standalone.conf -nfw -nss}
 * (no functions worker, no stream storage) from the {@code pulsar-broker} jars, its data and log in a
 * temporary directory.
 *
 * <ul>
 *   <li><b>Classpath.</b> The broker's jars come from the system property {@value #CLASSPATH_PROPERTY}:
 *       a directory of jars (the modules that need a broker copy {@code pulsar-broker}'s runtime closure
 *       into {@code target/pulsar-broker-lib} with maven-dependency-plugin) or a classpath string. A
 *       missing property fails with a message saying how to set it.</li>
 *   <li><b>Start.</b> {@link #start()} returns once the admin REST API answers and a topic can be created
 *       in {@code public/default}; the wait ({@link #STARTUP_PATIENCE}) is a hang guard, not a speed
 *       check. A broker that exits or does not come up throws {@link IllegalStateException} with the
 *       tail of its log: tests fail, they never skip. Start-up takes ~15 s on an idle 2-core machine.</li>
 *   <li><b>Configuration.</b> Loopback only; infinite retention by default (readers hold no data in
 *       Pulsar, so without it ledgers would be trimmed under a replica); inactive topics are never
 *       deleted; no transactions, no load balancer; small caches, at most {@code -Xmx512m}.</li>
 *   <li><b>Faults.</b> {@link #kill()} sends SIGKILL, {@link #stop()} SIGTERM (a clean shutdown), and
 *       {@link #restart()} starts it again on the same ports and data, so topics and client reconnects
 *       survive.</li>
 *   <li><b>Cleanup.</b> {@link #close()} kills the process and deletes its directory; a JVM shutdown hook
 *       does the same, so a failed or interrupted run leaves no broker behind.</li>
 *   <li><b>Sharing.</b> {@link #shared()} is one lazily started broker per JVM: start-up is slow, so every
 *       test of a JVM uses it, including tests that kill and restart it (they must restart it before
 *       they end; the next {@link #shared()} also restarts a broker found dead). If the shared broker
 *       fails to start, every later {@link #shared()} of the JVM fails at once with that cause.</li>
 * </ul>
 *
 * Thread-safe: every method that touches the process is synchronized.
 */
public final class PulsarStandalone implements AutoCloseable {

    /** The system property naming the broker's jars (a directory of jars, or a classpath string). */
    public static final String CLASSPATH_PROPERTY = "cattle.pulsar.classpath";

    /** Upper bound for a start, a generous hang guard on a loaded, shared machine. */
    public static final Duration STARTUP_PATIENCE = Duration.ofMinutes(4);

    private static final String MAIN_CLASS = "org.apache.pulsar.PulsarStandaloneStarter";

    // Java 17 closes internals Pulsar's netty, BookKeeper and metrics code reach into (as bin/pulsar opens them).
    private static final List<String> JVM_FLAGS = List.of("-Xms64m", "-Xmx512m", "-XX:MaxDirectMemorySize=512m",
            "-Dio.netty.tryReflectionSetAccessible=true", "-Djava.net.preferIPv4Stack=true",
            "--add-opens", "java.base/java.io=ALL-UNNAMED", "--add-opens", "java.base/java.nio=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED", "--add-opens", "java.base/sun.net=ALL-UNNAMED",
            "--add-opens", "java.base/java.util.zip=ALL-UNNAMED", "--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--add-opens", "java.management/sun.management=ALL-UNNAMED",
            "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.platform=ALL-UNNAMED");

    private static PulsarStandalone shared;
    private static Throwable sharedFailure;

    private final Path directory;
    private final Path logFile;
    private final int brokerPort;
    private final int webPort;
    private final int bookiePort;
    // Pulsar's admin API answers 307 to send a request to the broker that owns the namespace bundle (also
    // after an unload or restart, when ownership is being reassigned); follow it as pulsar-admin does.
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NORMAL).build();
    private final BrokerProcess process;
    private int starts;
    private boolean closed;

    private PulsarStandalone(Path directory, int brokerPort, int webPort, int bookiePort) {
        this.directory = directory;
        this.logFile = directory.resolve("pulsar.log");
        this.brokerPort = brokerPort;
        this.webPort = webPort;
        this.bookiePort = bookiePort;
        this.process = new BrokerProcess(logFile, Duration.ofSeconds(60));
    }

    /**
     * The JVM's shared broker, started on first use (and restarted if a test left it dead), stopped by
     * a shutdown hook.
     *
     * @throws IllegalStateException if it cannot start (the message holds the tail of its log)
     */
    public static synchronized PulsarStandalone shared() {
        if (sharedFailure != null) {
            // One failed start per JVM is enough: later tests fail at once with the same cause instead
            // of each spending minutes on another start.
            throw new IllegalStateException("the shared Pulsar standalone failed to start earlier in this JVM: "
                    + sharedFailure.getMessage(), sharedFailure);
        }
        try {
            if (shared == null || shared.closed) {
                shared = start();
            } else if (!shared.isRunning()) {
                shared.restart();
            }
            return shared;
        } catch (RuntimeException | Error e) {
            sharedFailure = e;
            throw e;
        }
    }

    /** Starts a new broker of its own on free loopback ports, in a new temporary directory. */
    public static PulsarStandalone start() {
        String classpath = brokerClasspath();
        Path directory;
        try {
            directory = Files.createTempDirectory("cattle-pulsar-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for the Pulsar standalone", e);
        }
        PulsarStandalone broker = new PulsarStandalone(directory, freePort(), freePort(), freePort());
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "pulsar-cleanup-" + broker.brokerPort));
        try {
            broker.writeConfiguration();
            broker.launch(classpath);
        } catch (RuntimeException | Error e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    /** {@code pulsar://127.0.0.1:<port>}, the binary protocol's service URL, for clients. */
    public String serviceUrl() {
        return "pulsar://" + hostPort();
    }

    /** {@code 127.0.0.1:<port>}: the authority of a {@code pulsar://} spec. */
    public String hostPort() {
        return "127.0.0.1:" + brokerPort;
    }

    /** {@code http://127.0.0.1:<port>}, the admin REST API. */
    public String webUrl() {
        return "http://127.0.0.1:" + webPort;
    }

    /** How many times the broker process was launched (1 after start, +1 per restart). */
    public synchronized int starts() {
        return starts;
    }

    /** Whether the broker process is alive. */
    public synchronized boolean isRunning() {
        return process.isRunning();
    }

    /**
     * Sends one admin REST request ({@code path} such as {@code /admin/v2/persistent/public/default/t})
     * with an optional JSON body, and returns the HTTP status and body. For test set-up: namespaces,
     * retention, unloading and trimming topics.
     */
    public AdminResponse admin(String method, String path, String jsonBody) {
        HttpRequest.BodyPublisher body = jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(jsonBody);
        HttpRequest request = HttpRequest.newBuilder(URI.create(webUrl() + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .method(method, body)
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new AdminResponse(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("admin request " + method + " " + path + " to " + webUrl() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during admin request " + method + " " + path, e);
        }
    }

    /** The status and body of an admin REST response. */
    public record AdminResponse(int status, String body) {

        /** Whether the status is 2xx. */
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /** Kills the broker with SIGKILL (no shutdown, as after a crash) and waits for the process to end. */
    public synchronized void kill() {
        process.kill();
    }

    /** Stops the broker with SIGTERM (a clean shutdown) and waits for it to exit, killing it if it hangs. */
    public synchronized void stop() {
        process.stop();
    }

    /** Starts the broker again on the same ports and data; stops it first if it is running. */
    public synchronized void restart() {
        if (closed) {
            throw new IllegalStateException("Pulsar standalone on port " + brokerPort + " is closed; start a new one");
        }
        stop();
        try {
            launch(brokerClasspath());
        } catch (RuntimeException | Error e) {
            kill();
            throw e;
        }
    }

    /** Kills the broker and deletes its directory. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        kill();
        BrokerProcess.deleteRecursively(directory);
    }

    /** The last lines of the broker's log, for failure messages. */
    public String logTail() {
        return process.logTail(40);
    }

    private void writeConfiguration() {
        String conf = String.join("\n",
                "# Written by org.ethercattle.brokers.PulsarStandalone for tests.",
                "clusterName=standalone",
                "bindAddress=127.0.0.1",
                "advertisedAddress=127.0.0.1",
                "brokerServicePort=" + brokerPort,
                "webServicePort=" + webPort,
                "managedLedgerDefaultEnsembleSize=1",
                "managedLedgerDefaultWriteQuorum=1",
                "managedLedgerDefaultAckQuorum=1",
                // A replica reads with a subscription-less reader, which holds no data: keep everything
                // unless a test's namespace asks for less.
                "defaultRetentionTimeInMinutes=-1",
                "defaultRetentionSizeInMB=-1",
                "brokerDeleteInactiveTopicsEnabled=false",
                "allowAutoTopicCreationType=non-partitioned",
                "transactionCoordinatorEnabled=false",
                "functionsWorkerEnabled=false",
                "topicLevelPoliciesEnabled=false",
                "systemTopicEnabled=false",
                "loadBalancerEnabled=false",
                "brokerShutdownTimeoutMs=5000",
                "numIOThreads=2",
                "numHttpServerThreads=4",
                "managedLedgerCacheSizeMB=32",
                // The bookie (same file): small caches, no HTTP admin, and no fsync per journal write:
                // the tests kill processes, not the machine, and the page cache survives a process kill.
                "dbStorage_writeCacheMaxSizeMb=16",
                "dbStorage_readAheadCacheMaxSizeMb=16",
                "dbStorage_rocksDB_blockCacheSize=16777216",
                "httpServerEnabled=false",
                "journalSyncData=false",
                "");
        String log4j = String.join("\n",
                "status=warn",
                "appender.console.type=Console",
                "appender.console.name=STDOUT",
                "appender.console.layout.type=PatternLayout",
                "appender.console.layout.pattern=%d{HH:mm:ss.SSS} %-5p [%t] %c{1} - %m%n",
                "rootLogger.level=info",
                "rootLogger.appenderRef.stdout.ref=STDOUT",
                "");
        try {
            Files.writeString(directory.resolve("standalone.conf"), conf);
            Files.writeString(directory.resolve("log4j2.properties"), log4j);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Pulsar standalone configuration in " + directory, e);
        }
    }

    private void launch(String classpath) {
        List<String> command = ChildJvm.running(MAIN_CLASS).withClasspath(classpath).withJvmOptions(JVM_FLAGS)
                .withJvmOptions("-Dlog4j.configurationFile=" + directory.resolve("log4j2.properties"),
                        "-Dpulsar.log.dir=" + directory)
                .withArguments("-c", directory.resolve("standalone.conf").toString(), "-nfw", "-nss",
                        "--bookkeeper-port", Integer.toString(bookiePort),
                        "--metadata-dir", directory.resolve("data/metadata").toString(),
                        "--bookkeeper-dir", directory.resolve("data/bookkeeper").toString())
                .command();
        starts++;
        try {
            Files.writeString(logFile, "=== start " + starts + " ===\n", StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            // The working directory matters: standalone looks for ZooKeeper data under ./data and would
            // switch to ZooKeeper mode if it found any.
            process.start(command, directory);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run the Pulsar standalone (" + MAIN_CLASS + "): " + e.getMessage(), e);
        }
        awaitReady();
    }

    private void awaitReady() {
        String probeTopic = "/admin/v2/persistent/public/default/cattle-ready-probe";
        // Why the last probe failed, for the time-out message.
        String[] lastAnswer = {"no answer yet"};
        BrokerProcess.ReadinessProbe topicCreated = () -> {
            try {
                AdminResponse created = admin("PUT", probeTopic, null);
                if (created.ok() || created.status() == 409) {
                    return true;
                }
                lastAnswer[0] = "HTTP " + created.status() + " " + created.body();
            } catch (UncheckedIOException e) {
                lastAnswer[0] = String.valueOf(e.getCause());
            }
            return false;
        };
        process.awaitReady(topicCreated, STARTUP_PATIENCE, Duration.ofMillis(250), new BrokerProcess.StartupFailures() {
            @Override
            public IllegalStateException exited(int exitStatus) {
                return new IllegalStateException("the Pulsar standalone exited with status " + exitStatus
                        + " while starting (start " + starts + ", " + PulsarStandalone.this + "); its log:\n" + logTail());
            }

            @Override
            public IllegalStateException timedOut() {
                return new IllegalStateException("the Pulsar standalone did not become ready within " + STARTUP_PATIENCE
                        + " (start " + starts + ", " + PulsarStandalone.this + "; creating a topic last gave: "
                        + lastAnswer[0] + "); its log:\n" + logTail());
            }

            @Override
            public IllegalStateException interrupted(InterruptedException cause) {
                return new IllegalStateException("interrupted while waiting for the Pulsar standalone to start", cause);
            }
        });
    }

    private static String brokerClasspath() {
        String value = System.getProperty(CLASSPATH_PROPERTY);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + CLASSPATH_PROPERTY + " is not set: it names the"
                    + " pulsar-broker jars the test broker runs from. Copy pulsar-broker's runtime dependencies with"
                    + " maven-dependency-plugin (copy-dependencies into target/pulsar-broker-lib) and pass"
                    + " -D" + CLASSPATH_PROPERTY + "=<that directory> to the test JVM (surefire systemPropertyVariables),"
                    + " as log-pulsar/pom.xml does");
        }
        Path asDirectory = Path.of(value.trim());
        if (Files.isDirectory(asDirectory)) {
            try (Stream<Path> jars = Files.list(asDirectory)) {
                if (jars.noneMatch(p -> p.getFileName().toString().startsWith("pulsar-broker-"))) {
                    throw new IllegalStateException(CLASSPATH_PROPERTY + "=" + value + " holds no pulsar-broker jar;"
                            + " rebuild the module so maven-dependency-plugin copies it there");
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + asDirectory + " (" + CLASSPATH_PROPERTY + ")", e);
            }
            return asDirectory.toAbsolutePath() + File.separator + "*";
        }
        if (!value.contains(File.pathSeparator) && !value.endsWith(".jar")) {
            throw new IllegalStateException(CLASSPATH_PROPERTY + "=" + value + " is neither a directory of jars nor"
                    + " a classpath; build the module that copies pulsar-broker there (log-pulsar copies it into"
                    + " log-pulsar/target/pulsar-broker-lib: mvn -pl log-pulsar test-compile)");
        }
        return value;
    }

    private static int freePort() {
        return BrokerProcess.freeLoopbackPort("the Pulsar standalone");
    }

    @Override
    public String toString() {
        return "Pulsar standalone " + serviceUrl() + ", admin " + webUrl() + " (" + directory + ")";
    }
}
