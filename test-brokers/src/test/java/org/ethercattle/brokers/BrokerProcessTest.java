package org.ethercattle.brokers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real short-lived {@code sh} processes stand in for brokers: start, death before ready, kill, log tail. */
class BrokerProcessTest {

    /** Messages that name what happened, as a launcher's would. */
    private static final BrokerProcess.StartupFailures FAILURES = new BrokerProcess.StartupFailures() {
        @Override
        public IllegalStateException exited(int exitStatus) {
            return new IllegalStateException("exited " + exitStatus);
        }

        @Override
        public IllegalStateException timedOut() {
            return new IllegalStateException("timed out");
        }

        @Override
        public IllegalStateException interrupted(InterruptedException cause) {
            return new IllegalStateException("interrupted", cause);
        }
    };

    @Test
    void aProcessThatDiesBeforeReadyFailsWithItsExitStatusAndItsLogShowsWhy(@TempDir Path directory)
            throws Exception {
        BrokerProcess process = new BrokerProcess(directory.resolve("broker.log"), Duration.ofSeconds(10));
        process.start(List.of("sh", "-c", "echo first; echo 'cannot bind port' >&2; exit 3"), directory);

        // A probe that is never ready: only the liveness check can end the wait before the patience does.
        assertThatThrownBy(() -> process.awaitReady(() -> false, Duration.ofMinutes(5), Duration.ofMillis(10),
                FAILURES)).isInstanceOf(IllegalStateException.class).hasMessage("exited 3");
        assertThat(process.isRunning()).isFalse();
        assertThat(process.logTail(1)).isEqualTo("cannot bind port");
        assertThat(process.logTail(10)).isEqualTo("first\ncannot bind port");
    }

    @Test
    void aProbeThatSaysReadyEndsTheWaitAndKillEndsTheProcess(@TempDir Path directory) throws Exception {
        BrokerProcess process = new BrokerProcess(directory.resolve("broker.log"), Duration.ofSeconds(10));
        process.start(List.of("sh", "-c", "echo ready; exec sleep 600"), directory);

        process.awaitReady(() -> process.logTail(1).equals("ready"), Duration.ofMinutes(1), Duration.ofMillis(10),
                FAILURES);
        assertThat(process.isRunning()).isTrue();
        process.kill();
        assertThat(process.isRunning()).isFalse();
    }

    @Test
    void stopEndsAProcessThatHonoursSigterm(@TempDir Path directory) throws Exception {
        BrokerProcess process = new BrokerProcess(directory.resolve("broker.log"), Duration.ofSeconds(10));
        process.start(List.of("sleep", "600"), directory);
        assertThat(process.isRunning()).isTrue();
        process.stop();
        assertThat(process.isRunning()).isFalse();
    }

    @Test
    void theLogTailOfAMissingLogSaysSo(@TempDir Path directory) {
        Path log = directory.resolve("never-written.log");
        assertThat(new BrokerProcess(log, Duration.ofSeconds(1)).logTail(5)).isEqualTo("(no log at " + log + ")");
    }
}
