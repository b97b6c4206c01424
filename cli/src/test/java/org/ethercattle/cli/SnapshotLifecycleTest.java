package org.ethercattle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ethercattle.api.Database;
import org.ethercattle.api.StoreException;
import org.ethercattle.api.Stores;
import org.ethercattle.api.spi.OpenMode;
import org.ethercattle.core.Keyspace;
import org.ethercattle.store.layered.LayerSpecs;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * The snapshot lifecycle end to end, per store: a replica process follows a log while the master keeps
 * writing; {@code cattle snapshot} copies its store meanwhile; the master writes more; then replicas
 * started from the snapshot, layered ({@code layered:?top=...&bottom=<snapshot>}) and flat (the snapshot
 * itself), resume from the snapshot's checkpoint and end with exactly the master's keyspace. LevelDB is
 * not here: it holds its lock even read-only, so it is snapshotted only once the replica stopped.
 */
class SnapshotLifecycleTest {

    private static final Pattern CHECKPOINT = Pattern.compile("resumes after (file:\\d+)");

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int cattle(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine commandLine = Cattle.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private String storeSpec(String kind, String name) {
        return switch (kind) {
            // small memtables: a read-only open beside the live replica sees what RocksDB flushed
            case "rocksdb" -> "rocksdb:" + dir.resolve(name) + "?writeBufferSize=64k";
            case "lmdb" -> "lmdb:" + dir.resolve(name) + "?mapSize=64m";
            default -> throw new IllegalArgumentException(kind);
        };
    }

    /**
     * A RocksDB copy taken beside its writer holds what the writer flushed to table files; wait (a hang
     * guard, not a speed check) until a read-only open sees a checkpoint, so the test checks a resume
     * from the middle of the log rather than from its start.
     */
    private static void awaitCheckpointVisibleBesideTheWriter(String replica) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            try (Database db = Stores.open(replica, OpenMode.READ_ONLY)) {
                if (!StoreCheckpoints.in(db).isEmpty()) {
                    return;
                }
            } catch (StoreException compactedAway) {
                // A read-only open can race the writer deleting compacted table files; look again.
            }
            assertThat(System.nanoTime()).as("a checkpoint of " + replica + " visible read-only").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"rocksdb", "lmdb"})
    @DisplayName("a snapshot taken during live replay, plus replay of the rest, is the master's keyspace, layered and flat")
    void snapshotDuringLiveReplayThenReplayTheRest(String kind) throws Exception {
        String log = "file:" + dir.resolve("log");
        String replica = storeSpec(kind, "replica");
        Path snapshotDir = dir.resolve("snapshot");
        try (SnapshotMaster master = new SnapshotMaster(log, 7)) {
            master.write(300);
            CattleProcess process = CattleProcess.start(dir.resolve("replica.out"),
                    "replica", "--store", replica, "--log", log, "--max-batch-bytes", "16k");
            ExecutorService writer = Executors.newSingleThreadExecutor();
            try {
                process.awaitOutput("following the log", 120);
                AtomicBoolean stop = new AtomicBoolean();
                Future<?> writing = writer.submit(() -> {
                    for (int i = 0; i < 100 && !stop.get(); i++) {
                        master.write(20);
                    }
                });
                awaitCheckpointVisibleBesideTheWriter(replica);
                int code = cattle("snapshot", "--store", replica, "--to", snapshotDir.toString(), "--log", log);
                stop.set(true);
                writing.get(120, TimeUnit.SECONDS);
                assertThat(code).as(err.toString()).isZero();
            } finally {
                writer.shutdownNow();
                process.process().destroy();
                if (!process.process().waitFor(60, TimeUnit.SECONDS)) {
                    process.process().destroyForcibly();
                }
            }
            String snapshotOutput = out.toString();
            Matcher position = CHECKPOINT.matcher(snapshotOutput);
            assertThat(position.find()).as("snapshot prints its checkpoint position: " + snapshotOutput).isTrue();
            String snapshotSpec = SnapshotCommand.specOfCopy(replica, snapshotDir);
            assertThat(snapshotOutput).contains("snapshot: " + snapshotSpec);

            master.write(200);

            String layered = new LayerSpecs(storeSpec(kind, "top"), snapshotSpec).toSpec();
            assertThat(cattle("replica", "--store", layered, "--log", log, "--exit-when-caught-up"))
                    .as(err.toString()).isZero();
            assertThat(out.toString()).contains("resuming after " + position.group(1));
            try (Database db = Stores.open(layered, OpenMode.READ_ONLY)) {
                assertThat(Keyspace.firstDifference(master.store(), db)).as("layered replica vs master").isEmpty();
            }

            assertThat(cattle("replica", "--store", snapshotSpec, "--log", log, "--exit-when-caught-up"))
                    .as(err.toString()).isZero();
            assertThat(out.toString()).contains("resuming after " + position.group(1));
            try (Database db = Stores.open(snapshotSpec, OpenMode.READ_ONLY)) {
                assertThat(Keyspace.firstDifference(master.store(), db)).as("flat replica vs master").isEmpty();
            }
        }
        assertThat(Files.exists(snapshotDir)).isTrue();
    }
}
