package org.ethercattle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.ethercattle.api.Codecs;
import org.ethercattle.api.Logs;
import org.ethercattle.api.Stores;
import org.ethercattle.api.log.LogProducer;
import org.ethercattle.core.capture.CapturingDatabase;
import org.ethercattle.ethereum.workload.GethWorkload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replica whose replay stops on a corrupt record stays up to say so: {@code /healthz} 500 and
 * {@code /readyz} 503 "failed" with the error, until it is stopped.
 */
class ReplicaFailureTest {

    @TempDir
    Path dir;

    private Process replica;

    @AfterEach
    void kill() throws InterruptedException {
        if (replica != null) {
            replica.destroyForcibly();
            replica.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    @DisplayName("after a fatal replay error /healthz is 500 and /readyz 503 failed, until SIGTERM")
    void failedReplayIsReported() throws Exception {
        String logSpec = "file:" + dir.resolve("log");
        try (CapturingDatabase master = new CapturingDatabase(Stores.open("rocksdb:" + dir.resolve("master")),
                Logs.openProducer(logSpec), Codecs.get(Codecs.DEFAULT))) {
            GethWorkload workload = new GethWorkload(5);
            for (int i = 0; i < 5; i++) {
                workload.writeNextBlock(master);
            }
            master.flush();
        }
        try (LogProducer raw = Logs.openProducer(logSpec)) {
            raw.append("not a cattle record".getBytes()).join();
        }

        CattleProcess process = CattleProcess.start(dir.resolve("replica.out"), "replica", "--store",
                "rocksdb:" + dir.resolve("replica"), "--log", logSpec, "--http", "0");
        replica = process.process();
        process.awaitOutput("replica: serving http://", 60);
        HttpProbe http = new HttpProbe(HttpProbe.baseUrlIn(process.output()));

        HttpProbe.Answer health = http.await("/healthz", a -> a.code() == 500, "healthz 500 after the corrupt record", 120);
        assertThat(health.field("alive")).isEqualTo("false");
        assertThat(health.field("failure")).isNotBlank();
        HttpProbe.Answer ready = http.get("/readyz");
        assertThat(ready.code()).isEqualTo(503);
        assertThat(ready.field("reason")).isEqualTo("failed");
        assertThat(ready.field("detail")).startsWith("replay stopped: ");
        process.awaitOutput("cattle: error: ", 30);
        assertThat(replica.isAlive()).as("still serving").isTrue();

        replica.destroy(); // SIGTERM
        assertThat(replica.waitFor(60, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
    }
}
