package org.ethercattle.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ethercattle.api.Codecs;
import org.ethercattle.api.Logs;
import org.ethercattle.api.StoreException;
import org.ethercattle.api.replay.ChainHeads;
import org.ethercattle.api.replay.HeadGuard;
import org.ethercattle.core.status.ReadinessPolicy;
import org.ethercattle.tck.VerifiableTck;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replica keeps {@link RunningMarker} in its store's directory while it runs; a start that finds it (the last
 * replica did not stop cleanly) verifies the store first and refuses a damaged one.
 */
class ReplicaUncleanStopTest {

    @TempDir
    Path dir;

    private String logSpec;
    private String storeSpec;
    private Path marker;

    @BeforeEach
    void storeAndLog() {
        logSpec = "file:" + dir.resolve("log");
        Logs.openProducer(logSpec).close();
        storeSpec = "rocksdb:" + dir.resolve("db") + "?compression=none&wal=false";
        VerifyCommandTest.fill(storeSpec, false);
        marker = dir.resolve("db").resolve(RunningMarker.FILE_NAME);
    }

    private ReplicaService open() {
        return ReplicaService.open(new ReplicaService.Settings(storeSpec, logSpec, Codecs.get(Codecs.DEFAULT), null,
                HeadGuard.none(), ChainHeads.none(), ReadinessPolicy.DEFAULT, null));
    }

    @Test
    @DisplayName("the marker is there while the replica runs and gone after a clean close; no verification ran")
    void cleanStopRemovesTheMarker() {
        assertThat(marker).doesNotExist();
        try (ReplicaService replica = open()) {
            assertThat(marker).exists();
            assertThat(replica.metrics().scrape()).contains("cattle_replica_start_verify_seconds{stream=")
                    .containsPattern("cattle_replica_start_verify_seconds\\{[^}]*} NaN");
        }
        assertThat(marker).doesNotExist();
    }

    @Test
    @DisplayName("after an unclean stop a sound store is verified, then replay starts")
    void uncleanStopOfSoundStoreVerifiesAndStarts() throws IOException {
        Files.writeString(marker, "pid 1\n");
        try (ReplicaService replica = open()) {
            assertThat(replica.metrics().scrape())
                    .doesNotContainPattern("cattle_replica_start_verify_seconds\\{[^}]*} NaN");
        }
        assertThat(marker).doesNotExist();
    }

    @Test
    @DisplayName("after an unclean stop a damaged store is refused, naming the file; the marker stays for the next start")
    void uncleanStopOfDamagedStoreIsRefused() throws IOException {
        Path table = VerifiableTck.flipBytesInLargestFile(dir.resolve("db"), ".sst");
        try (ReplicaService replica = open()) {
            assertThat(marker).exists(); // no marker: no verification, the damage goes unseen as before
        }
        Files.writeString(marker, "pid 1\n");
        assertThatThrownBy(this::open).isInstanceOf(StoreException.class)
                .hasMessageContaining("damaged after an unclean stop")
                .hasMessageContaining(table.toString())
                .hasMessageContaining("restore it from a snapshot");
        assertThat(marker).exists();
    }
}
