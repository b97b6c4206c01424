package org.ethercattle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.ethercattle.api.Batch;
import org.ethercattle.api.Database;
import org.ethercattle.api.Stores;
import org.ethercattle.core.replay.Checkpoint;
import org.ethercattle.core.replay.CheckpointCodec;
import org.ethercattle.core.replay.ProducerProgress;
import org.ethercattle.tck.VerifiableTck;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cattle verify}, and the source check of {@code cattle snapshot} and {@code cattle copy}, on real
 * stores whose table files are damaged by flipping bytes in their data blocks.
 */
class VerifyCommandTest {

    /** No compression, so the bytes flipped are the data blocks' own; no WAL, so close flushes a table file. */
    private static final String ROCKSDB_PARAMS = "?compression=none&wal=false";
    private static final String LEVELDB_PARAMS = "?compression=none&writeBufferSize=64k";

    @TempDir
    Path dir;

    private final CapturedCattle cattle = new CapturedCattle();

    @Test
    @DisplayName("a clean rocksdb store with a checkpoint verifies: exit 0")
    void cleanRocksDbExitsZero() {
        String spec = "rocksdb:" + dir.resolve("db") + ROCKSDB_PARAMS;
        fill(spec, true);
        assertThat(cattle.run("verify", "--store", spec)).as(cattle.err()).isZero();
        assertThat(cattle.out()).contains("verify: checked: ", "table file(s) match",
                "1 replay checkpoint(s)", "verify: ok: no damage found");
    }

    @Test
    @DisplayName("a rocksdb store with a damaged .sst opens, but verify exits 2 naming the file and the fix")
    void damagedRocksDbExitsTwoNamingTheFile() throws IOException {
        String spec = "rocksdb:" + dir.resolve("db") + ROCKSDB_PARAMS;
        fill(spec, true);
        Path table = VerifiableTck.flipBytesInLargestFile(dir.resolve("db"), ".sst");
        assertThat(cattle.run("verify", "--store", spec)).isEqualTo(Cattle.EXIT_ERROR);
        assertThat(cattle.out()).contains("verify: damage: " + table, "verify: DAMAGED");
        assertThat(cattle.err().lines()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("cattle: error: store rocksdb:")
                .contains(table.toString(), "restore it from a snapshot", "re-seed the replica"));
    }

    @Test
    @DisplayName("a leveldb store with a damaged table file: verify exits 2 naming the file")
    void damagedLevelDbExitsTwoNamingTheFile() throws IOException {
        String spec = "leveldb:" + dir.resolve("db") + LEVELDB_PARAMS;
        fill(spec, false);
        assertThat(cattle.run("verify", "--store", spec)).as(cattle.err()).isZero();
        Path table = VerifiableTck.flipBytesInLargestFile(dir.resolve("db"), ".ldb", ".sst");
        assertThat(cattle.run("verify", "--store", spec)).isEqualTo(Cattle.EXIT_ERROR);
        assertThat(cattle.err()).contains("cattle: error: store leveldb:", table.toString(), "Corruption",
                "restore it from a snapshot");
    }

    @Test
    @DisplayName("an lmdb store verifies with exit 0, saying checksums are not available and to compare replicas")
    void lmdbSaysNoChecksums() {
        String spec = "lmdb:" + dir.resolve("db") + "?mapSize=64m";
        fill(spec, true);
        assertThat(cattle.run("verify", "--store", spec)).as(cattle.err()).isZero();
        assertThat(cattle.out()).contains("verify: unchecked: ", "LMDB keeps no checksums",
                "compare this store with another replica", "checksums are not available");
    }

    @Test
    @DisplayName("a checkpoint whose bytes are damaged is an error naming the reserved key")
    void damagedCheckpointExitsTwo() {
        String spec = "rocksdb:" + dir.resolve("db") + ROCKSDB_PARAMS;
        fill(spec, false);
        try (Database db = Stores.open(spec)) {
            byte[] bytes = CheckpointCodec.encode(checkpoint());
            bytes[5] ^= 0x01;
            db.put(Checkpoint.key("mainnet-cdc"), bytes);
        }
        assertThat(cattle.run("verify", "--store", spec)).isEqualTo(Cattle.EXIT_ERROR);
        assertThat(cattle.err()).contains("reserved key 'checkpoint/mainnet-cdc'", "CRC32C");
    }

    @Test
    @DisplayName("a layered store verifies both layers: damage in the bottom is an error naming that layer")
    void layeredStoreVerifiesBothLayers() throws IOException {
        String top = "rocksdb:" + dir.resolve("top") + ROCKSDB_PARAMS;
        String bottom = "rocksdb:" + dir.resolve("bottom") + ROCKSDB_PARAMS;
        fill(bottom, true);
        Stores.open(top).close();
        String layered = "layered:?top=" + top.replace("&", "%26") + "&bottom=" + bottom.replace("&", "%26");
        assertThat(cattle.run("verify", "--store", layered)).as(cattle.err()).isZero();
        assertThat(cattle.out()).contains("checked: top layer ", "checked: bottom layer ");
        Path table = VerifiableTck.flipBytesInLargestFile(dir.resolve("bottom"), ".sst");
        assertThat(cattle.run("verify", "--store", layered)).isEqualTo(Cattle.EXIT_ERROR);
        assertThat(cattle.err()).contains("bottom layer " + table);
    }

    @Test
    @DisplayName("snapshot of a damaged store exits 2 naming the file and writes nothing; --no-verify-source skips it")
    void snapshotRefusesDamagedSource() throws IOException {
        String spec = "rocksdb:" + dir.resolve("db") + ROCKSDB_PARAMS;
        fill(spec, true);
        Path table = VerifiableTck.flipBytesInLargestFile(dir.resolve("db"), ".sst");
        Path target = dir.resolve("snap");
        assertThat(cattle.run("snapshot", "--store", spec, "--to", target.toString())).isEqualTo(Cattle.EXIT_ERROR);
        assertThat(cattle.err()).contains(table.toString(), "--no-verify-source");
        assertThat(target).doesNotExist();
        assertThat(cattle.run("snapshot", "--store", spec, "--to", target.toString(), "--no-verify-source"))
                .as(cattle.err()).isZero();
        assertThat(target).isDirectory();
    }

    @Test
    @DisplayName("snapshot of a clean store verifies its source first, then copies")
    void snapshotVerifiesCleanSource() {
        String spec = "rocksdb:" + dir.resolve("db") + ROCKSDB_PARAMS;
        fill(spec, true);
        assertThat(cattle.run("snapshot", "--store", spec, "--to", dir.resolve("snap").toString()))
                .as(cattle.err()).isZero();
        assertThat(cattle.out()).contains("snapshot: source verified: ok");
        assertThat(dir.resolve("snap")).isDirectory();
    }

    @Test
    @DisplayName("copy of a damaged store exits 2 naming the file and creates no target")
    void copyRefusesDamagedSource() throws IOException {
        String spec = "rocksdb:" + dir.resolve("db") + ROCKSDB_PARAMS;
        fill(spec, true);
        Path table = VerifiableTck.flipBytesInLargestFile(dir.resolve("db"), ".sst");
        Path target = dir.resolve("copy");
        assertThat(cattle.run("copy", "--from", spec, "--to", "lmdb:" + target + "?mapSize=64m"))
                .isEqualTo(Cattle.EXIT_ERROR);
        assertThat(cattle.err()).contains(table.toString(), "restore it from a snapshot");
        assertThat(target).doesNotExist();
    }

    @Test
    @DisplayName("copy of a clean store verifies its source first")
    void copyVerifiesCleanSource() {
        String spec = "rocksdb:" + dir.resolve("db") + ROCKSDB_PARAMS;
        fill(spec, true);
        assertThat(cattle.run("copy", "--from", spec, "--to", "lmdb:" + dir.resolve("copy") + "?mapSize=64m"))
                .as(cattle.err()).isZero();
        assertThat(cattle.out()).contains("copy: source verified: ok", "copy: verified:");
    }

    private static Checkpoint checkpoint() {
        return new Checkpoint(new byte[] {0, 0, 0, 42}, new byte[] {0, 0, 0, 42}, 1_700_000_000_000L,
                Map.of(new UUID(1, 2), new ProducerProgress(42, 1_700_000_000_000L)));
    }

    /** 20,000 keys of 100-byte values (about 2 MiB, several table files' worth), and a checkpoint if asked. */
    static void fill(String spec, boolean withCheckpoint) {
        try (Database db = Stores.open(spec)) {
            byte[] value = new byte[100];
            for (int b = 0; b < 20; b++) {
                try (Batch batch = db.newBatch()) {
                    for (int i = 0; i < 1000; i++) {
                        value[0] = (byte) i;
                        batch.put(String.format("key-%08d", b * 1000 + i).getBytes(StandardCharsets.US_ASCII), value);
                    }
                    if (withCheckpoint && b == 19) {
                        batch.put(Checkpoint.key("mainnet-cdc"), CheckpointCodec.encode(checkpoint()));
                    }
                    batch.write();
                }
            }
        }
    }
}
