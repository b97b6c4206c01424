package org.ethercattle.store.lmdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real full disk: a child JVM runs {@link LmdbDiskFiller} on a 24 MiB tmpfs mounted in a private mount
 * namespace ({@code unshare -rm}, no privileges needed where user namespaces are enabled). Skipped where
 * that is not possible, like the RocksDB adapter's test of the same name.
 */
class LmdbDiskFullTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("a full disk fails the write saying so; the store keeps every acknowledged batch and stays readable")
    void diskFullKeepsTheLastCheckpoint() throws Exception {
        Path mountPoint = dir.resolve("small-disk");
        Files.createDirectories(mountPoint);
        Assumptions.assumeTrue(run(List.of("unshare", "-rm", "sh", "-c",
                "mount -t tmpfs -o size=1m tmpfs '" + mountPoint + "'")).exitCode == 0,
                "cannot mount a small tmpfs in a private namespace here (needs unshare and user namespaces)");

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String child = "mount -t tmpfs -o size=24m tmpfs '" + mountPoint + "' && exec '" + java + "' -Xmx256m"
                + " --add-opens java.base/java.nio=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED -cp '"
                + System.getProperty("java.class.path") + "' " + LmdbDiskFiller.class.getName() + " '"
                + mountPoint.resolve("db") + "'";
        Result result = run(List.of("unshare", "-rm", "sh", "-c", child));
        assertThat(result.exitCode).as("child output:%n%s", result.output).isZero();

        Map<String, String> report = new HashMap<>();
        for (String line : result.output.split("\n")) {
            int colon = line.indexOf(": ");
            if (colon > 0) {
                report.putIfAbsent(line.substring(0, colon), line.substring(colon + 2));
            }
        }
        assertThat(report.get("failure")).as("child output:%n%s", result.output)
                .startsWith("lmdb store at " + mountPoint.resolve("db"))
                .contains("the disk is full")
                .endsWith("the failed write was not committed and the store is intact");
        assertThat(Long.parseLong(report.get("acknowledged"))).isPositive();
        assertThat(report.get("read after the failure")).isEqualTo(report.get("acknowledged"));
        assertThat(report.get("reopened")).as("checkpoint found after reopening").isEqualTo(report.get("acknowledged"));
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
