package org.ethercattle.cli;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.ethercattle.tck.ChildJvm;

/** A {@code cattle} command running in its own JVM with the test classpath; stdout and stderr go to a file. */
final class CattleProcess {

    private final Process process;
    private final Path output;

    private CattleProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    static CattleProcess start(Path output, String... args) throws IOException {
        Process process = ChildJvm.running(Cattle.class).withJvmOptions("-Xmx256m").withArguments(args)
                .processBuilder()
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        return new CattleProcess(process, output);
    }

    Process process() {
        return process;
    }

    String output() throws IOException {
        return Files.readString(output, StandardCharsets.UTF_8);
    }

    /** Waits until the output contains {@code text}; fails (with the output) if the process exits first. */
    void awaitOutput(String text, long timeoutSeconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (!output().contains(text)) {
            if (!process.isAlive()) {
                fail("process exited with code %d before printing '%s':%n%s", process.exitValue(), text, output());
            }
            if (System.nanoTime() > deadline) {
                fail("process did not print '%s' within %d s:%n%s", text, timeoutSeconds, output());
            }
            Thread.sleep(10);
        }
    }
}
