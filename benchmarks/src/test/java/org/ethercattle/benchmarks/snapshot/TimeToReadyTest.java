package org.ethercattle.benchmarks.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The time-to-ready harness at a toy size: both replicas it times end with the master's keyspace. */
class TimeToReadyTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("flat and layered replicas started from the snapshot both catch up to exactly the master's keyspace")
    void harnessReplicasMatchTheMaster() throws Exception {
        assertThat(TimeToReady.run(dir.resolve("ttr"), 40, 20, 1 << 20, 1)).isTrue();
    }
}
