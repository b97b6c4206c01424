package org.ethercattle.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.ethercattle.api.Database;
import org.ethercattle.api.Stores;
import org.ethercattle.tck.ChildJvm;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kills a writing process for real ({@code SIGKILL}, no shutdown hooks) and checks what the store holds
 * when opened again: with the write-ahead log every acknowledged batch; without it a prefix of whole
 * batches whose checkpoint covers exactly them, which is what makes {@code wal=false} safe for replicas.
 */
class RocksDbCrashTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "wal={0}")
    @ValueSource(booleans = {true, false})
    @DisplayName("after kill -9 in the middle of writing, the store holds a prefix of whole batches with their checkpoint")
    void killedWhileWritingLeavesWholeBatches(boolean wal) throws Exception {
        String spec = "rocksdb:" + dir.resolve("db") + "?wal=" + wal + "&writeBufferSize=256k";
        runAndKill(spec, 150, false);
        try (Database db = Stores.open(spec)) {
            long generation = checkpointOfWholeBatches(db);
            assertThat(generation).as("flushed batches survive, WAL or not").isPositive();
        }
    }

    @ParameterizedTest(name = "wal={0}")
    @ValueSource(booleans = {true, false})
    @DisplayName("after kill -9 the WAL keeps every acknowledged batch; without it the newest memtable is lost, the checkpoint still exact")
    void killedAfterAcknowledgedBatches(boolean wal) throws Exception {
        String spec = "rocksdb:" + dir.resolve("db") + "?wal=" + wal + "&writeBufferSize=256k";
        long acknowledged = runAndKill(spec, 150, true);
        try (Database db = Stores.open(spec)) {
            long generation = checkpointOfWholeBatches(db);
            if (wal) {
                assertThat(generation).as("every acknowledged batch survives a process crash").isEqualTo(acknowledged);
            } else {
                assertThat(generation).as("without the WAL, batches still in the memtable are lost")
                        .isPositive().isLessThan(acknowledged);
            }
        }
    }

    /** Checks that every slot holds the checkpoint's generation; returns it (-1 for an empty store). */
    private static long checkpointOfWholeBatches(Database db) {
        byte[] checkpoint = db.get(CrashWriter.CHECKPOINT);
        long generation = checkpoint == null ? -1 : ByteBuffer.wrap(checkpoint).getLong();
        for (int i = 0; i < CrashWriter.SLOTS; i++) {
            byte[] slot = db.get(CrashWriter.slot(i));
            assertThat(slot == null ? -1 : ByteBuffer.wrap(slot).getLong())
                    .as("slot %d holds the checkpoint's generation (no batch seen in part)", i)
                    .isEqualTo(generation);
        }
        return generation;
    }

    /**
     * Runs {@link CrashWriter} until it acknowledged {@code batches} batches (and, when {@code pause}, has
     * stopped writing), kills it, and returns the last batch it acknowledged.
     */
    private static long runAndKill(String spec, long batches, boolean pause) throws Exception {
        ChildJvm child = ChildJvm.running(CrashWriter.class).withJvmOptions("-Xmx256m").withArguments(spec);
        if (pause) {
            child = child.withArguments(Long.toString(batches));
        }
        Process writer = child.start();
        long last = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("acknowledged ")) {
                    last = Long.parseLong(line.substring("acknowledged ".length()));
                }
                if (pause ? line.equals("paused") : last >= batches) {
                    break;
                }
            }
        } finally {
            writer.destroyForcibly();
            writer.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(last).as("batches the writer acknowledged before it was killed").isGreaterThanOrEqualTo(batches);
        return last;
    }
}
