package org.ethercattle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.ethercattle.api.Codecs;
import org.ethercattle.api.Cursor;
import org.ethercattle.api.Database;
import org.ethercattle.api.Logs;
import org.ethercattle.api.ReservedKeys;
import org.ethercattle.api.Stores;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.log.Position;
import org.ethercattle.core.Keyspace;
import org.ethercattle.core.capture.CapturingDatabase;
import org.ethercattle.core.guard.SeenValueGuard;
import org.ethercattle.core.replay.Replayer;
import org.ethercattle.ethereum.guard.GethHeadKeys;
import org.ethercattle.ethereum.workload.GethWorkload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cattle copy} between the disk stores. The source is a RocksDB replica that replayed a geth-shaped
 * log (so it holds a checkpoint and head-guard memory), plus keys at the edges of byte order, an empty
 * value, a key of LMDB's longest length and a 4 MiB value.
 */
class CopyCommandTest {

    private static final int BLOCKS = 120;
    private static final String LMDB_PARAMS = "?mapSize=64m&sync=none";

    @TempDir
    Path dir;

    private String logSpec;
    private String replicaSpec;
    private CapturingDatabase master;
    private GethWorkload workload;

    @BeforeEach
    void replicateIntoRocksDb() {
        logSpec = "file:" + dir.resolve("log");
        replicaSpec = "rocksdb:" + dir.resolve("replica");
        master = new CapturingDatabase(Stores.open("rocksdb:" + dir.resolve("master")), Logs.openProducer(logSpec),
                Codecs.get(Codecs.DEFAULT));
        workload = new GethWorkload(31);
        for (int i = 0; i < BLOCKS; i++) {
            workload.writeNextBlock(master);
        }
        master.put(new byte[] {0x00}, new byte[] {1});
        master.put(new byte[] {0x00, (byte) 0xFF}, new byte[0]);
        master.put(new byte[] {(byte) 0xFF}, new byte[] {2});
        master.put(new byte[] {(byte) 0xFF, (byte) 0xFF}, new byte[] {3});
        master.put(pattern(511, 9), new byte[] {4});
        master.put("big".getBytes(), pattern(4 << 20, 5));
        master.put("LastBlock".getBytes(), "head-1".getBytes()); // head-guard memory in the reserved range
        master.flush();
        catchUp(replicaSpec);
    }

    @AfterEach
    void closeMaster() {
        master.close();
    }

    private void catchUp(String storeSpec) {
        try (Database store = Stores.open(storeSpec);
                LogConsumer log = Logs.openConsumer(logSpec);
                Replayer replayer = Replayer.builder(store, log)
                        .headGuard(new SeenValueGuard(GethHeadKeys.DEFAULT)).build()) {
            replayer.catchUp();
        }
    }

    private CapturedCattle cattle = new CapturedCattle();

    private int cattle(String... args) {
        cattle = new CapturedCattle();
        return cattle.run(args);
    }

    @Test
    @DisplayName("rocksdb -> lmdb -> leveldb -> rocksdb ends with every key of the source, reserved keys included")
    void roundTripThroughEveryDiskStore() {
        List<String> original = fullWalk(replicaSpec);
        assertThat(original).as("the source holds reserved keys").anyMatch(e -> e.startsWith(reservedHex()));

        String lmdb = "lmdb:" + dir.resolve("copy-lmdb") + LMDB_PARAMS;
        String leveldb = "leveldb:" + dir.resolve("copy-leveldb");
        String rocksdb = "rocksdb:" + dir.resolve("copy-rocksdb");
        String from = replicaSpec;
        for (String to : List.of(lmdb, leveldb, rocksdb)) {
            assertThat(cattle("copy", "--from", from, "--to", to)).as("copy to %s; stderr: %s", to, cattle.err()).isZero();
            assertThat(cattle.out())
                    .contains("copied " + original.size() + " keys")
                    .contains("verified");
            assertThat(fullWalk(to)).as("every key and value of %s, reserved ones included", to)
                    .containsExactlyElementsOf(original);
            from = to;
        }
    }

    @Test
    @DisplayName("a replica on the copied store resumes after the copied checkpoint and ends equal to the master")
    void replicaResumesFromTheCopiedCheckpoint() {
        Optional<Position> sourceCheckpoint = checkpoint(replicaSpec);
        assertThat(sourceCheckpoint).isPresent();
        String copy = "lmdb:" + dir.resolve("copy") + LMDB_PARAMS;
        assertThat(cattle("copy", "--from", replicaSpec, "--to", copy)).as("stderr: %s", cattle.err()).isZero();

        int more = 25;
        for (int i = 0; i < more; i++) {
            workload.writeNextBlock(master);
        }
        master.flush();
        try (Database store = Stores.open(copy);
                LogConsumer log = Logs.openConsumer(logSpec);
                Replayer replayer = Replayer.builder(store, log)
                        .headGuard(new SeenValueGuard(GethHeadKeys.DEFAULT)).build()) {
            assertThat(replayer.resumedAfter()).as("resumed after").isEqualTo(sourceCheckpoint);
            assertThat(replayer.catchUp()).as("records applied: only the blocks written after the copy").isEqualTo(more);
            replayer.close();
            assertThat(Keyspace.firstDifference(master, store)).isEmpty();
        }
    }

    @Test
    @DisplayName("a non-empty target is refused unless --force, which empties it and then copies")
    void nonEmptyTargetNeedsForce() {
        String target = "leveldb:" + dir.resolve("target");
        try (Database store = Stores.open(target)) {
            store.put("stale".getBytes(), "x".getBytes());
        }
        assertThat(cattle("copy", "--from", replicaSpec, "--to", target)).isEqualTo(Cattle.EXIT_ERROR);
        assertThat(cattle.err().lines()).hasSize(1).first().asString().contains("not empty", "--force");
        try (Database store = Stores.open(target)) {
            assertThat(store.get("stale".getBytes())).as("the refused target is untouched").isEqualTo("x".getBytes());
        }

        assertThat(cattle("copy", "--from", replicaSpec, "--to", target, "--force")).as("stderr: %s", cattle.err()).isZero();
        assertThat(cattle.out()).contains("deleted 1 keys", "verified");
        assertThat(fullWalk(target)).containsExactlyElementsOf(fullWalk(replicaSpec));
    }

    @Test
    @DisplayName("a key longer than LMDB takes fails the copy with LMDB's limit named, and leaves no checkpoint behind")
    void keyTooLongForTheTargetFailsWithoutACheckpoint() {
        byte[] tooLong = pattern(600, 1);
        tooLong[0] = (byte) 0xFF; // sorts after every other user key, so earlier batches are written first
        tooLong[1] = (byte) 0xFF;
        tooLong[2] = (byte) 0xFF;
        try (Database store = Stores.open(replicaSpec)) {
            store.put(tooLong, new byte[] {1});
        }
        String target = "lmdb:" + dir.resolve("target") + LMDB_PARAMS;
        assertThat(cattle("copy", "--from", replicaSpec, "--to", target, "--batch-bytes", "4k"))
                .isEqualTo(Cattle.EXIT_ERROR);
        assertThat(cattle.err().lines()).hasSize(1).first().asString().contains("at most 511 bytes");
        assertThat(fullWalk(target)).as("keys copied before the failure").isNotEmpty()
                .noneMatch(e -> e.startsWith(reservedHex()));
    }

    @Test
    @DisplayName("a missing source, or the same store on both sides, is one error line and creates nothing")
    void missingOrSameSourceIsAnError() {
        String missing = "rocksdb:" + dir.resolve("missing");
        assertThat(cattle("copy", "--from", missing, "--to", "leveldb:" + dir.resolve("t"))).isEqualTo(Cattle.EXIT_ERROR);
        assertThat(cattle.err().lines()).hasSize(1).first().asString().contains(dir.resolve("missing").toString());
        assertThat(dir.resolve("missing")).doesNotExist();

        assertThat(cattle("copy", "--from", replicaSpec, "--to", replicaSpec + "?cacheSize=0"))
                .isEqualTo(Cattle.EXIT_ERROR);
        assertThat(cattle.err()).contains("is the same directory as");
    }

    private Optional<Position> checkpoint(String storeSpec) {
        try (Database store = Stores.open(storeSpec);
                LogConsumer log = Logs.openConsumer(logSpec);
                Replayer replayer = Replayer.builder(store, log)
                        .headGuard(new SeenValueGuard(GethHeadKeys.DEFAULT)).build()) {
            return replayer.resumedAfter();
        }
    }

    /** Every entry of the store in cursor order, reserved keys included: hex key, value length and digest. */
    private static List<String> fullWalk(String spec) {
        List<String> entries = new ArrayList<>();
        try (Database store = Stores.open(spec); Cursor cursor = store.cursor()) {
            while (cursor.next()) {
                byte[] value = cursor.value();
                entries.add(HexFormat.of().formatHex(cursor.key()) + " = " + value.length + " B sha256:"
                        + HexFormat.of().formatHex(sha256(value)));
            }
        }
        return entries;
    }

    private static String reservedHex() {
        return HexFormat.of().formatHex(ReservedKeys.PREFIX);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] pattern(int length, int seed) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + seed);
        }
        return bytes;
    }
}
