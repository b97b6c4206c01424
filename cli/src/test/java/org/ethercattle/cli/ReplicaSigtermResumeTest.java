package org.ethercattle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ethercattle.api.Codecs;
import org.ethercattle.api.Database;
import org.ethercattle.api.Logs;
import org.ethercattle.api.Stores;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.core.Keyspace;
import org.ethercattle.core.capture.CapturingDatabase;
import org.ethercattle.core.replay.Checkpoint;
import org.ethercattle.ethereum.workload.GethWorkload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM while a replica is still catching up: it commits the batch in hand with its checkpoint and exits;
 * the checkpoint covers exactly what it said it applied, and the restart resumes from there instead of
 * replaying from the start.
 */
class ReplicaSigtermResumeTest {

    private static final int SIGTERM_EXIT_CODE = 128 + 15;
    private static final int BACKLOG_BLOCKS = 400;

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() throws InterruptedException {
        for (Process p : started) {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    @DisplayName("SIGTERM during catch-up leaves a checkpoint; the restart resumes from it, not from the start")
    void sigtermDuringReplayResumes() throws Exception {
        String logSpec = "file:" + dir.resolve("log");
        String replicaSpec = "rocksdb:" + dir.resolve("replica");
        try (CapturingDatabase master = new CapturingDatabase(Stores.open("rocksdb:" + dir.resolve("master")),
                Logs.openProducer(logSpec), Codecs.get(Codecs.DEFAULT))) {
            GethWorkload workload = new GethWorkload(3);
            for (int i = 0; i < BACKLOG_BLOCKS; i++) {
                workload.writeNextBlock(master);
            }
            master.flush();

            // With read-ahead: SIGTERM must stop its thread too, and the resume must not skip what it had read.
            CattleProcess first = start("first.out", replicaSpec, logSpec, "--http", "0", "--max-batch-bytes", "256k",
                    "--read-ahead", "1m");
            first.awaitOutput("replica: serving http://", 60);
            HttpProbe http = new HttpProbe(HttpProbe.baseUrlIn(first.output()));
            HttpProbe.Answer midway = http.await("/status", a -> !"null".equals(a.field("position")),
                    "a first batch committed", 120);
            assertThat(midway.field("reason")).as("still catching up when SIGTERMed: %s", midway).isEqualTo("syncing");

            first.process().destroy(); // SIGTERM
            assertThat(first.process().waitFor(60, TimeUnit.SECONDS)).as("replica exited").isTrue();
            assertThat(first.process().exitValue()).as("exit code; output:%n%s", first.output())
                    .isEqualTo(SIGTERM_EXIT_CODE);
            Matcher stoppedAt = Pattern.compile("stopped before catching up, at position (file:\\d+)")
                    .matcher(first.output());
            assertThat(stoppedAt.find()).as("output:%n%s", first.output()).isTrue();

            Checkpoint checkpoint = checkpoint(replicaSpec, logSpec).orElseThrow();
            String lastPosition;
            String resumeAfter;
            try (LogConsumer log = Logs.openConsumer(logSpec)) {
                lastPosition = log.positionFromBytes(checkpoint.lastPosition()).toString();
                resumeAfter = log.positionFromBytes(checkpoint.resumeAfter()).toString();
                assertThat(log.positionFromBytes(checkpoint.lastPosition())).isLessThan(log.endPosition().orElseThrow());
            }
            assertThat(lastPosition).as("the checkpoint covers what the replica reported applied")
                    .isEqualTo(stoppedAt.group(1));

            CattleProcess second = start("second.out", replicaSpec, logSpec, "--exit-when-caught-up");
            assertThat(second.process().waitFor(180, TimeUnit.SECONDS)).as("restart caught up").isTrue();
            assertThat(second.process().exitValue()).as("output:%n%s", second.output()).isZero();
            assertThat(second.output()).contains("resuming after " + resumeAfter);
            Matcher applied = Pattern.compile("caught up: (\\d+) records applied").matcher(second.output());
            assertThat(applied.find()).isTrue();
            assertThat(Long.parseLong(applied.group(1))).as("records the restart applied").isPositive()
                    .isLessThan(BACKLOG_BLOCKS);

            try (Database replica = Stores.open(replicaSpec)) {
                assertThat(Keyspace.firstDifference(master, replica)).isEmpty();
            }
        }
    }

    private CattleProcess start(String output, String replicaSpec, String logSpec, String... extra)
            throws java.io.IOException {
        List<String> args = new ArrayList<>(List.of("replica", "--store", replicaSpec, "--log", logSpec));
        args.addAll(List.of(extra));
        CattleProcess p = CattleProcess.start(dir.resolve(output), args.toArray(String[]::new));
        started.add(p.process());
        return p;
    }

    private static Optional<Checkpoint> checkpoint(String storeSpec, String logSpec) {
        try (Database store = Stores.open(storeSpec); LogConsumer log = Logs.openConsumer(logSpec)) {
            return Checkpoint.read(store, log.streamId());
        }
    }
}
