package org.ethercattle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.ethercattle.api.Database;
import org.ethercattle.api.Stores;
import org.ethercattle.api.spi.OpenMode;
import org.ethercattle.core.Keyspace;
import org.ethercattle.core.replay.Checkpoint;
import org.ethercattle.store.layered.LayerSpecs;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cattle snapshot}, {@code flatten} and {@code retention}, and replicas started from snapshots. */
class SnapshotCommandsTest {

    @TempDir
    Path dir;

    private CapturedCattle cattle = new CapturedCattle();

    private int cattle(String... args) {
        cattle = new CapturedCattle();
        return cattle.run(args);
    }

    private String rocksdb(String name) {
        return "rocksdb:" + dir.resolve(name);
    }

    /** Replays {@code log} into a new replica, stops it, and snapshots it into {@code snapshot}. */
    private void replicaAndSnapshot(String log, String snapshot) {
        assertThat(cattle("replica", "--store", rocksdb("replica"), "--log", log, "--exit-when-caught-up"))
                .as(cattle.err()).isZero();
        assertThat(cattle("snapshot", "--store", rocksdb("replica"), "--to", dir.resolve(snapshot).toString()))
                .as(cattle.err()).isZero();
    }

    @Test
    @DisplayName("flatten folds a replayed layered store into a new store, or into its bottom: same keys, same checkpoint, and a replica resumes from it")
    void flattenIntoNewStoreAndIntoBottom() {
        String log = "file:" + dir.resolve("log");
        try (SnapshotMaster master = new SnapshotMaster(log, 3)) {
            master.write(100);
            replicaAndSnapshot(log, "snap");
            master.write(100);
            String layered = new LayerSpecs(rocksdb("top"), rocksdb("snap")).toSpec();
            assertThat(cattle("replica", "--store", layered, "--log", log, "--exit-when-caught-up"))
                    .as(cattle.err()).isZero();
            Map<String, Checkpoint> layeredCheckpoints = checkpoints(layered);
            assertThat(layeredCheckpoints).hasSize(1);

            assertThat(cattle("flatten", "--store", layered, "--into", rocksdb("flat"))).as(cattle.err()).isZero();
            assertThat(cattle.out()).contains("holds the checkpoint of stream");
            assertThat(checkpoints(rocksdb("flat"))).isEqualTo(layeredCheckpoints);
            assertSameKeys(master, rocksdb("flat"));

            assertThat(cattle("flatten", "--store", layered)).as(cattle.err()).isZero();
            assertThat(cattle.out()).contains("no longer needed");
            assertThat(checkpoints(rocksdb("snap"))).isEqualTo(layeredCheckpoints);
            assertSameKeys(master, rocksdb("snap"));

            master.write(50);
            assertThat(cattle("replica", "--store", rocksdb("flat"), "--log", log, "--exit-when-caught-up"))
                    .as(cattle.err()).isZero();
            assertThat(cattle.out()).contains("resuming after file:");
            assertSameKeys(master, rocksdb("flat"));
        }
    }

    @Test
    @DisplayName("flatten of a store that is not layered, and snapshot of a store without checkpoints, are one-line errors")
    void refusals() {
        assertThat(cattle("flatten", "--store", rocksdb("plain"))).isEqualTo(Cattle.EXIT_ERROR);
        assertThat(cattle.err()).contains("not a layered store");
        String memory = "memory:" + dir.resolve("memory");
        try (Database kept = Stores.open(memory)) {
            assertThat(cattle("snapshot", "--store", memory, "--to", dir.resolve("s").toString()))
                    .isEqualTo(Cattle.EXIT_ERROR);
            assertThat(cattle.err().lines()).hasSize(1).first().asString().contains("Checkpointable");
        }
    }

    @Test
    @DisplayName("retention: a snapshot inside the log is usable for the retention minus the age of the first entry it needs; at the end, for the whole retention")
    void retentionOfAUsableSnapshot() {
        String log = "file:" + dir.resolve("log");
        try (SnapshotMaster master = new SnapshotMaster(log, 5)) {
            master.write(40);
            replicaAndSnapshot(log, "snap");
            assertThat(cattle("retention", "--snapshot", rocksdb("snap"), "--log", log)).as(cattle.err()).isZero();
            assertThat(cattle.out()).contains("at the log's end");

            master.write(10);
            assertThat(cattle("retention", "--snapshot", rocksdb("snap"), "--log", log, "--retention", "7d"))
                    .as(cattle.err()).isZero();
            assertThat(cattle.out()).contains("usable for 6d 23h", "replays 10 entries", "resumes after file:39");

            assertThat(cattle("retention", "--snapshot", rocksdb("snap"), "--log", log, "--retention", "0s"))
                    .isEqualTo(RetentionCommand.EXIT_EXPIRED);
            assertThat(cattle.out()).contains("EXPIRED", "take a new snapshot");
        }
    }

    @Test
    @DisplayName("once the log dropped a snapshot's position: retention says EXPIRED, and a replica started from it, flat or layered, exits 2 naming both positions and the fix")
    void expiredSnapshot() {
        String log = "file:" + dir.resolve("log") + "?segmentBytes=16k&retentionBytes=48k";
        try (SnapshotMaster master = new SnapshotMaster(log, 9)) {
            master.write(20);
            replicaAndSnapshot(log, "snap");
            master.write(600);

            assertThat(cattle("retention", "--snapshot", rocksdb("snap"), "--log", log))
                    .isEqualTo(RetentionCommand.EXIT_EXPIRED);
            assertThat(cattle.out()).contains("EXPIRED", "position file:19 is no longer in the log");

            for (String store : new String[] {rocksdb("snap"),
                    new LayerSpecs(rocksdb("top"), rocksdb("snap")).toSpec()}) {
                assertThat(cattle("replica", "--store", store, "--log", log, "--exit-when-caught-up"))
                        .as(store).isEqualTo(Cattle.EXIT_ERROR);
                assertThat(cattle.err().lines()).as(store).hasSize(1).first().asString()
                        .contains("position file:19 is no longer in the log", "earliest retained: file:",
                                "start from a newer snapshot");
            }
        }
    }

    @Test
    @DisplayName("a new replica on a log whose first segments retention removed exits 2 and writes nothing; seeded from the master's copy with --seeded-at it catches up")
    void newReplicaOnALogWithoutItsBeginning() {
        String log = "file:" + dir.resolve("log") + "?segmentBytes=16k&retentionBytes=48k";
        try (SnapshotMaster master = new SnapshotMaster(log, 11)) {
            master.write(600);
            assertThat(cattle("replica", "--store", rocksdb("fresh"), "--log", log, "--exit-when-caught-up"))
                    .isEqualTo(Cattle.EXIT_ERROR);
            assertThat(cattle.err().lines()).hasSize(1).first().asString()
                    .contains("no longer holds its first", "has no checkpoint of it", "--seeded-at");
            try (Database fresh = Stores.open(rocksdb("fresh"), OpenMode.READ_ONLY)) {
                assertThat(Keyspace.countUserKeys(fresh)).isZero();
            }

            // A copy of the master's store as of now, when the log's newest entry is entry 599.
            try (Database copy = Stores.open(rocksdb("seeded"))) {
                try (var cursor = master.store().cursor()) {
                    while (cursor.next()) {
                        copy.put(cursor.key(), cursor.value());
                    }
                }
            }
            master.write(30);
            assertThat(cattle("replica", "--store", rocksdb("seeded"), "--log", log, "--seeded-at", "599",
                    "--exit-when-caught-up")).as(cattle.err()).isZero();
            assertThat(cattle.out()).contains("resuming after file:599", "30 records applied");
            assertSameKeys(master, rocksdb("seeded"));
        }
    }

    @Test
    @DisplayName("a store replayed from one log is refused by a replica of another: exit 2, nothing written")
    void storeOfAnotherStream() {
        String first = "file:" + dir.resolve("log-a");
        String second = "file:" + dir.resolve("log-b");
        try (SnapshotMaster a = new SnapshotMaster(first, 12); SnapshotMaster b = new SnapshotMaster(second, 13)) {
            a.write(30);
            b.write(30);
            assertThat(cattle("replica", "--store", rocksdb("replica"), "--log", first, "--exit-when-caught-up"))
                    .as(cattle.err()).isZero();
            assertThat(cattle("replica", "--store", rocksdb("replica"), "--log", second, "--exit-when-caught-up"))
                    .isEqualTo(Cattle.EXIT_ERROR);
            assertThat(cattle.err().lines()).hasSize(1).first().asString()
                    .contains("this store was replayed from stream", "replay", "into an empty store");
            assertThat(checkpoints(rocksdb("replica"))).hasSize(1);
            assertSameKeys(a, rocksdb("replica"));
        }
    }

    private static Map<String, Checkpoint> checkpoints(String spec) {
        try (Database db = Stores.open(spec, OpenMode.READ_ONLY)) {
            return StoreCheckpoints.in(db);
        }
    }

    private static void assertSameKeys(SnapshotMaster master, String spec) {
        try (Database db = Stores.open(spec, OpenMode.READ_ONLY)) {
            assertThat(Keyspace.firstDifference(master.store(), db)).as(spec).isEmpty();
        }
    }
}
