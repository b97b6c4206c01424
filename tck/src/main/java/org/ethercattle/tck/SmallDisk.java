package org.ethercattle.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real, small file system for disk-full tests: a tmpfs of a given size mounted on {@link #mountPoint()}
 * in a private mount namespace ({@code unshare -rm}, no privileges needed where user namespaces are
 * enabled). The mount lives only as long as the child JVM that {@link #fill} runs on it, so nothing is
 * left mounted whatever the outcome.
 *
 * <p>Use it from an adapter's test, with a JUnit {@code @TempDir}:
 *
 * <pre>{@code
 * SmallDisk disk = SmallDisk.under(dir, "24m");   // skips the test where no tmpfs can be mounted
 * Path db = disk.mountPoint().resolve("db");
 * DiskFillerReport report = disk.fill(DiskFiller.writingTo("mystore:" + db), List.of());
 * assertThat(report.failure()).as(report.describe()).startsWith("disk full at " + db);
 * report.assertEveryAcknowledgedBatchKept();
 * }</pre>
 *
 * <p>Immutable. Each {@link #fill} blocks until its child ends (at most two minutes).
 */
public final class SmallDisk {

    private final Path mountPoint;
    private final String size;

    private SmallDisk(Path mountPoint, String size) {
        this.mountPoint = mountPoint;
        this.size = size;
    }

    /**
     * A small disk of {@code size} (a tmpfs size such as {@code 24m}) to be mounted on
     * {@code directory/small-disk}, which is created. First mounts a 1 MiB tmpfs there in a throw-away
     * namespace, and skips the calling test (a JUnit assumption) if that fails: no {@code unshare}, or
     * no user namespaces.
     */
    public static SmallDisk under(Path directory, String size) throws IOException, InterruptedException {
        Path mountPoint = directory.resolve("small-disk");
        Files.createDirectories(mountPoint);
        Assumptions.assumeTrue(run(List.of("unshare", "-rm", "sh", "-c",
                "mount -t tmpfs -o size=1m tmpfs '" + mountPoint + "'")).exitCode == 0,
                "cannot mount a small tmpfs in a private namespace here (needs unshare and user namespaces)");
        return new SmallDisk(mountPoint, size);
    }

    /** Where the tmpfs is mounted while a {@link #fill} runs; put the store under it. */
    public Path mountPoint() {
        return mountPoint;
    }

    /**
     * Mounts the tmpfs, runs {@code filler} on it in a child JVM ({@code -Xmx256m}, then
     * {@code jvmOptions}, this JVM's class path) and returns its report. Fails (AssertJ) unless the child
     * exits with 0, quoting its output; a store that crashes the JVM on a full disk fails here.
     */
    public DiskFillerReport fill(DiskFiller filler, List<String> jvmOptions) throws IOException, InterruptedException {
        List<String> javaCommand = ChildJvm.running(DiskFiller.class).withJvmOptions("-Xmx256m")
                .withJvmOptions(jvmOptions).withArguments(filler.arguments()).command();
        StringBuilder child = new StringBuilder("mount -t tmpfs -o size=" + size + " tmpfs '" + mountPoint + "' && exec");
        for (String word : javaCommand) {
            child.append(" '").append(word).append('\'');
        }
        Result result = run(List.of("unshare", "-rm", "sh", "-c", child.toString()));
        assertThat(result.exitCode).as("child output (exit 135 would be SIGBUS):%n%s", result.output).isZero();
        return DiskFillerReport.parse(filler, result.output);
    }

    private record Result(int exitCode, String output) {}

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return new Result(-1, e.toString());
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Result(-1, output + "\n(timed out)");
        }
        return new Result(process.exitValue(), output);
    }
}
