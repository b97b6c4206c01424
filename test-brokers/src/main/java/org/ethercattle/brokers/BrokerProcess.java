package org.ethercattle.brokers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ethercattle.adapter.support.Directories;

/**
 * The process plumbing every test broker launcher shares: one broker process at a time, its output
 * (stdout and stderr) appended to a log file, a wait until it is ready that fails as soon as it dies,
 * SIGTERM / SIGKILL, and the tail of its log for failure messages.
 *
 * <p>What is specific to a broker stays in its launcher: the command line, configuration files, the
 * readiness probe and the wording of its errors ({@link StartupFailures}), so callers see the same
 * messages as before.
 *
 * <p>Not thread-safe: each launcher confines its {@code BrokerProcess} to its own lock.
 */
final class BrokerProcess {

    private final Path logFile;
    private final Duration exitPatience;
    private Process process;

    /**
     * @param logFile      where the process's output is appended (created if missing)
     * @param exitPatience how long {@link #stop()} waits for a clean exit before killing, and
     *                     {@link #kill()} for a killed process to be reaped
     */
    BrokerProcess(Path logFile, Duration exitPatience) {
        this.logFile = logFile;
        this.exitPatience = exitPatience;
    }

    /** The log file the process writes to. */
    Path logFile() {
        return logFile;
    }

    /**
     * Starts {@code command} with its stdout and stderr appended to the log file; the previous process,
     * if any, must have been stopped.
     *
     * @param workingDirectory the process's working directory, or {@code null} for this JVM's
     * @throws IOException if the command cannot be run (missing binary, no permission)
     */
    void start(List<String> command, Path workingDirectory) throws IOException {
        process = startLogged(command, workingDirectory, logFile);
    }

    /**
     * Starts a helper process (a storage formatter, say) that logs to the same file as the broker, so
     * its failure shows in the same log tail.
     */
    static Process startLogged(List<String> command, Path workingDirectory, Path logFile) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        if (workingDirectory != null) {
            builder.directory(workingDirectory.toFile());
        }
        return builder.start();
    }

    /** Whether a process was started and is alive. */
    boolean isRunning() {
        return process != null && process.isAlive();
    }

    /**
     * Polls {@code probe} every {@code pollInterval} until it says ready. Checks first that the process
     * is alive, so a broker that died at start-up fails at once with its exit status rather than after
     * the whole patience. On timeout or interruption the process is killed, so a half-started broker
     * never outlives the failed start.
     *
     * @param patience a hang guard, not a speed check
     * @throws IllegalStateException the launcher's own message from {@code failures}
     */
    void awaitReady(ReadinessProbe probe, Duration patience, Duration pollInterval, StartupFailures failures) {
        Instant deadline = Instant.now().plus(patience);
        try {
            while (true) {
                if (!process.isAlive()) {
                    throw failures.exited(process.exitValue());
                }
                if (probe.ready()) {
                    return;
                }
                if (Instant.now().isAfter(deadline)) {
                    process.destroyForcibly();
                    throw failures.timedOut();
                }
                Thread.sleep(pollInterval.toMillis());
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw failures.interrupted(e);
        }
    }

    /**
     * SIGKILL to the process and its descendants (no shutdown, as in a crash; the OS keeps what they
     * wrote), then waits up to the exit patience for it to be reaped. Does nothing if none was started.
     */
    void kill() {
        if (process == null) {
            return;
        }
        // A broker started through a wrapper would otherwise leave its real server running.
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        awaitExit();
    }

    /**
     * SIGTERM (a clean shutdown) and waits up to the exit patience; a process that hangs past it is
     * killed like {@link #kill()}. Does nothing if none was started.
     */
    void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!awaitExit()) {
            kill();
        }
    }

    /** Whether the process ended within the exit patience; on interruption it is killed at once. */
    private boolean awaitExit() {
        try {
            return process.waitFor(exitPatience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The last {@code lines} lines of the log, or a note saying why it cannot be read: never throws. */
    String logTail(int lines) {
        try {
            if (!Files.exists(logFile)) {
                return "(no log at " + logFile + ")";
            }
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            // UncheckedIOException: a broker writing bytes that are not UTF-8 (a malformed input).
            return "(cannot read " + logFile + ": " + e.getMessage() + ")";
        }
    }

    /** Whether something accepts TCP connections on {@code host:port} (a one-second connect). */
    static boolean acceptsConnections(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    /**
     * A loopback port nobody listens on right now. Another process may take it before the broker binds
     * it; on a test machine that race is rare enough.
     *
     * @param forWhom names the broker in the error message
     */
    static int freeLoopbackPort(String forWhom) {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free loopback port for " + forWhom, e);
        }
    }

    /** Deletes {@code root} and everything in it, best effort: a leftover temp file must not fail a run. */
    static void deleteRecursively(Path root) {
        try {
            Directories.deleteRecursively(root);
        } catch (IOException e) {
            // Best effort, as above: what could be deleted is gone.
        }
    }

    /** Whether a starting broker is ready; throws {@link InterruptedException} only if interrupted. */
    @FunctionalInterface
    interface ReadinessProbe {
        boolean ready() throws InterruptedException;
    }

    /**
     * The launcher's own words for a start that failed, so each broker keeps the messages its callers
     * know (usually ending with {@link #logTail(int)}).
     */
    interface StartupFailures {

        /** The process ended before it was ready, with {@code exitStatus}. */
        IllegalStateException exited(int exitStatus);

        /** The patience ran out (the process has been killed). */
        IllegalStateException timedOut();

        /** The waiting thread was interrupted (the process has been killed, the flag restored). */
        IllegalStateException interrupted(InterruptedException cause);
    }
}
