package org.ethercattle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.ethercattle.api.Codecs;
import org.ethercattle.api.Database;
import org.ethercattle.api.Logs;
import org.ethercattle.api.Stores;
import org.ethercattle.core.Keyspace;
import org.ethercattle.core.capture.CapturingDatabase;
import org.ethercattle.ethereum.workload.GethWorkload;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplicaShutdownTest {

    private static final int SIGTERM_EXIT_CODE = 128 + 15;

    @TempDir
    Path dir;

    @Test
    @DisplayName("a following replica stops on SIGTERM, closes its store and keeps what it applied")
    void stopsGracefullyOnSigterm() throws Exception {
        String masterSpec = "rocksdb:" + dir.resolve("master");
        String logSpec = "file:" + dir.resolve("log");
        String replicaSpec = "rocksdb:" + dir.resolve("replica");
        try (CapturingDatabase master = new CapturingDatabase(
                Stores.open(masterSpec), Logs.openProducer(logSpec), Codecs.get(Codecs.DEFAULT))) {
            GethWorkload workload = new GethWorkload(17);
            for (int i = 0; i < 40; i++) {
                workload.writeNextBlock(master);
            }
            master.flush();

            CattleProcess replica = CattleProcess.start(dir.resolve("replica.out"),
                    "replica", "--store", replicaSpec, "--log", logSpec);
            replica.awaitOutput("following the log", 60);
            replica.process().destroy(); // SIGTERM
            assertThat(replica.process().waitFor(60, TimeUnit.SECONDS)).as("replica exited").isTrue();
            assertThat(replica.process().exitValue()).as("exit code; output:%n%s", replica.output())
                    .isEqualTo(SIGTERM_EXIT_CODE);
            assertThat(replica.output()).contains("replica: stopped at");

            // Opening the store again proves the replica released its lock.
            try (Database store = Stores.open(replicaSpec)) {
                assertThat(Keyspace.firstDifference(master, store)).isEmpty();
            }
        }
    }
}
