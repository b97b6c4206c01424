package org.ethercattle.brokers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real {@code nats-server} with JetStream, run as a separate process on a free loopback port for
 * tests: {@code nats-server -js -a 127.0.0.1 -p <port> -sd <store dir>}, its log in the store directory's
 * parent.
 *
 * <ul>
 *   <li><b>Start.</b> {@link #start(String...)} returns once the server logged that it is ready and accepts TCP
 *       connections; the waits are hang guards ({@link #STARTUP_PATIENCE}), not speed checks. A missing
 *       binary or a server that does not come up throws {@link IllegalStateException} telling what to do:
 *       tests fail, they never skip.</li>
 *   <li><b>Faults.</b> {@link #kill()} sends SIGKILL, {@link #stop()} SIGTERM (a clean shutdown), and
 *       {@link #restart()} starts it again on the same port and store directory, so JetStream streams and
 *       client reconnects survive.</li>
 *   <li><b>Cleanup.</b> {@link #close()} kills the process and deletes its directory; a JVM shutdown hook
 *       does the same, so a failed or interrupted run leaves no server behind.</li>
 *   <li><b>Sharing.</b> {@link #shared()} is one lazily started server per JVM for tests that do not
 *       break it; tests that kill or stop a server start their own with {@link #start(String...)}.</li>
 * </ul>
 *
 * Thread-safe: every method is synchronized.
 */
public final class NatsServer implements AutoCloseable {

    /** The binary looked up on the {@code PATH} (Debian's {@code nats-server} package). */
    public static final String BINARY = "nats-server";

    /** Upper bound for a start, a generous hang guard on a loaded machine. */
    public static final Duration STARTUP_PATIENCE = Duration.ofSeconds(60);

    private static final String READY_LINE = "Server is ready";

    private static NatsServer shared;

    private final Path directory;
    private final Path storeDirectory;
    private final Path logFile;
    private final int port;
    private final List<String> extraArguments;
    private final BrokerProcess process;
    private Thread shutdownHook;
    private int starts;
    private boolean closed;

    private NatsServer(Path directory, int port, List<String> extraArguments) {
        this.directory = directory;
        this.extraArguments = List.copyOf(extraArguments);
        this.storeDirectory = directory.resolve("jetstream");
        this.logFile = directory.resolve("nats-server.log");
        this.port = port;
        this.process = new BrokerProcess(logFile, Duration.ofSeconds(30));
    }

    /**
     * The JVM's shared server, started on first use and stopped by a shutdown hook.
     *
     * @throws IllegalStateException if it cannot start (the message says why and what to install)
     */
    public static synchronized NatsServer shared() {
        if (shared == null || shared.closed) {
            shared = start();
        }
        return shared;
    }

    /**
     * Starts a new server of its own on a free loopback port, in a new temporary directory.
     *
     * @param extraArguments more {@code nats-server} options, e.g. {@code --user u --pass p} to require
     *                       authentication; kept for {@link #restart()}
     */
    public static NatsServer start(String... extraArguments) {
        Path binary = findBinary();
        Path directory;
        try {
            directory = Files.createTempDirectory("cattle-nats-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for nats-server", e);
        }
        NatsServer server = new NatsServer(directory, BrokerProcess.freeLoopbackPort("nats-server"),
                List.of(extraArguments));
        server.shutdownHook = new Thread(server::close, "nats-server-cleanup-" + server.port);
        Runtime.getRuntime().addShutdownHook(server.shutdownHook);
        server.launch(binary);
        return server;
    }

    /** {@code nats://127.0.0.1:<port>}, for clients. */
    public String url() {
        return "nats://" + hostPort();
    }

    /** {@code 127.0.0.1:<port>}: the authority of a {@code nats://} spec. */
    public String hostPort() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Whether the server process is alive. */
    public synchronized boolean isRunning() {
        return process.isRunning();
    }

    /** Kills the server with SIGKILL (no shutdown, as after a crash) and waits for the process to end. */
    public synchronized void kill() {
        process.kill();
    }

    /** Stops the server with SIGTERM (a clean shutdown) and waits for it to exit, killing it if it hangs. */
    public synchronized void stop() {
        process.stop();
    }

    /** Starts the server again on the same port and store directory; stops it first if it is running. */
    public synchronized void restart() {
        if (closed) {
            throw new IllegalStateException("nats-server on port " + port + " is closed; start a new one");
        }
        stop();
        launch(findBinary());
    }

    /** Kills the server and deletes its directory. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        kill();
        BrokerProcess.deleteRecursively(directory);
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // The JVM is shutting down already; the hook finds the server closed.
            }
        }
    }

    private void launch(Path binary) {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "-js", "-a", "127.0.0.1",
                "-p", Integer.toString(port), "-sd", storeDirectory.toString(), "-n", "cattle-test-" + port));
        command.addAll(extraArguments);
        starts++;
        try {
            // Each start gets a fresh log, so the readiness line found is this start's.
            Files.writeString(logFile, "");
            process.start(command, null);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        }
        process.awaitReady(() -> logSaysReady() && BrokerProcess.acceptsConnections("127.0.0.1", port),
                STARTUP_PATIENCE, Duration.ofMillis(20), new BrokerProcess.StartupFailures() {
                    @Override
                    public IllegalStateException exited(int exitStatus) {
                        return new IllegalStateException("nats-server exited with status " + exitStatus
                                + " while starting (" + String.join(" ", command) + "); its log:\n" + logTail());
                    }

                    @Override
                    public IllegalStateException timedOut() {
                        return new IllegalStateException("nats-server did not become ready on port " + port
                                + " within " + STARTUP_PATIENCE + " (start " + starts + "); its log:\n" + logTail());
                    }

                    @Override
                    public IllegalStateException interrupted(InterruptedException cause) {
                        return new IllegalStateException("interrupted while waiting for nats-server to start", cause);
                    }
                });
    }

    private boolean logSaysReady() {
        try {
            return Files.readString(logFile, StandardCharsets.UTF_8).contains(READY_LINE);
        } catch (IOException e) {
            return false;
        }
    }

    private String logTail() {
        return process.logTail(30);
    }

    private static Path findBinary() {
        String path = System.getenv().getOrDefault("PATH", "");
        List<String> directories = new ArrayList<>(List.of(path.split(java.io.File.pathSeparator)));
        // Debian installs it in /usr/sbin, which is not on every user's PATH.
        directories.addAll(List.of("/usr/sbin", "/usr/local/sbin", "/usr/local/bin", "/usr/bin"));
        for (String directory : directories) {
            if (directory.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(directory, BINARY);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(BINARY + " is not installed (looked on the PATH and in /usr/sbin);"
                + " install it with `apt-get install -y nats-server` (./run-tests does this when it can)");
    }

    @Override
    public String toString() {
        return "nats-server " + url() + " (" + directory + ")";
    }
}
