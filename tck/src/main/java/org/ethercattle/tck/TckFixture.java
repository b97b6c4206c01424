package org.ethercattle.tck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every TCK suite stands on: a per-test temporary directory (JUnit {@code @TempDir}) in which each
 * store, log or copy gets a fresh directory of its own, and the things a test opens, closed after it
 * whatever its outcome (the last opened first).
 *
 * <p>Adapters do not extend this class directly: they subclass a suite ({@link DatabaseTck},
 * {@link LogTck}, {@link ReplicationTck}...). Not thread-safe: a test opens its resources from its own
 * thread.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES) // ends a test whose adapter hangs (the waits have no bound of their own); measures nothing
public abstract class TckFixture {

    @TempDir
    Path temporaryDirectory;

    private final Deque<AutoCloseable> opened = new ArrayDeque<>();
    private int pathsMade;

    /** What {@link #testThisBuildCannotRunJUnit5} says; public so a test can check the text. */
    public static final String NOT_JUNIT5_MESSAGE = "The Cattle TCK's tests are JUnit 5 tests, but this build ran"
            + " them with a test runner that does not know JUnit 5, so not one of them ran. Maven 3's default"
            + " maven-surefire-plugin (2.12.4) is such a runner: set a current one in your pom's <build><plugins>:"
            + " <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-surefire-plugin</artifactId>"
            + "<version>3.5.2</version></plugin>";

    /**
     * Never run by JUnit 5 (it has no {@code @Test}); it exists for the runner that cannot run JUnit 5.
     * Maven 3's default surefire (2.12.4) finds no JUnit 5 engine, falls back to running public
     * {@code test...} methods of public classes as plain JUnit 3 style tests, and would otherwise report
     * "Tests run: 0, BUILD SUCCESS" for a TCK that checked nothing. That runner calls this method, and the
     * build fails with the one plugin line that fixes it. (A package-private test class is skipped by that
     * runner altogether: a reason to check the test count, as {@code examples/store-mvstore/check} does.)
     *
     * @throws AssertionError always, with {@link #NOT_JUNIT5_MESSAGE}
     */
    public final void testThisBuildCannotRunJUnit5() {
        throw new AssertionError(NOT_JUNIT5_MESSAGE);
    }

    /** A fresh, empty directory named after {@code role} ({@code store}, {@code log}...) under the test's temporary directory. */
    protected final Path newDirectory(String role) {
        Path directory = newPath(role);
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
        return directory;
    }

    /**
     * A path named after {@code role} under the test's temporary directory that nothing uses and that does
     * not exist yet (its parent does): for a target a store must create itself, such as a checkpoint.
     */
    protected final Path newPath(String role) {
        return temporaryDirectory.resolve(role + "-" + pathsMade++);
    }

    /** Registers {@code resource} to be closed after the test (before those registered earlier); returns it. */
    protected final <T extends AutoCloseable> T closeAfterTest(T resource) {
        opened.push(resource);
        return resource;
    }

    /**
     * Closes everything the test registered so far, the last first. Every resource is closed even when one
     * fails; the first failure is thrown with the others suppressed in it. Runs after each test, and a suite
     * may call it earlier (to reopen a store, say).
     */
    @AfterEach
    protected final void closeEverythingOpened() {
        RuntimeException failure = null;
        while (!opened.isEmpty()) {
            AutoCloseable resource = opened.pop();
            try {
                resource.close();
            } catch (Exception e) {
                RuntimeException thrown = e instanceof RuntimeException runtime ? runtime
                        : new IllegalStateException("closing " + resource + " failed: " + e, e);
                if (failure == null) {
                    failure = thrown;
                } else {
                    failure.addSuppressed(thrown);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
