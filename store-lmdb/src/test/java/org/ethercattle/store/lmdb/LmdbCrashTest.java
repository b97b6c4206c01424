package org.ethercattle.store.lmdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.ethercattle.api.Database;
import org.ethercattle.api.Stores;
import org.ethercattle.tck.ChildJvm;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A writer process killed with SIGKILL mid-stream leaves whole batches only, in every sync mode. */
class LmdbCrashTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("after kill -9 of a writer (sync=none, growing map) the store holds a whole prefix of its batches")
    void killedWriterLeavesWholeBatches() throws Exception {
        assertWholeBatchesAfterKill("lmdb:" + dir.resolve("none") + "?sync=none&mapSize=64k", 40);
    }

    @Test
    @DisplayName("after kill -9 of a writer (default sync) the store holds a whole prefix of its batches")
    void killedWriterLeavesWholeBatchesDefaultSync() throws Exception {
        assertWholeBatchesAfterKill("lmdb:" + dir.resolve("default"), 10);
    }

    private static void assertWholeBatchesAfterKill(String spec, int batchesBeforeKill) throws Exception {
        Process child = ChildJvm.running(CrashingWriter.class).withArguments(spec).processBuilder()
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        int lastPrinted = -1;
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))) {
            String line;
            while (lastPrinted < batchesBeforeKill && (line = out.readLine()) != null) {
                lastPrinted = Integer.parseInt(line.trim());
            }
            child.destroyForcibly(); // SIGKILL: no shutdown hooks, no close()
            child.waitFor();
        }
        assertThat(lastPrinted).as("batches the writer reported before it was killed").isEqualTo(batchesBeforeKill);

        try (Database db = Stores.open(spec)) {
            int counter = Integer.parseInt(new String(db.get(CrashingWriter.COUNTER), StandardCharsets.US_ASCII));
            assertThat(counter).isGreaterThanOrEqualTo(lastPrinted);
            for (int n = 0; n <= counter + 1; n++) {
                for (int i = 0; i < CrashingWriter.KEYS_PER_BATCH; i++) {
                    assertThat(db.has(CrashingWriter.key(n, i)))
                            .as("batch %d key %d with counter %d", n, i, counter)
                            .isEqualTo(n <= counter);
                }
            }
        }
    }
}
