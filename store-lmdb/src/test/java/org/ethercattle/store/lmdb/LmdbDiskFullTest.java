package org.ethercattle.store.lmdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.ethercattle.tck.DiskFiller;
import org.ethercattle.tck.DiskFillerReport;
import org.ethercattle.tck.SmallDisk;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real full disk: a child JVM runs the TCK's {@link DiskFiller} on a 24 MiB {@link SmallDisk}, skipped
 * where that cannot be mounted, like the RocksDB adapter's test of the same name. The map is far larger
 * than the disk, so the disk fills before the map does; the store must still answer reads after the
 * failed write, and a read-only reopen must find every acknowledged batch.
 */
class LmdbDiskFullTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("a full disk fails the write saying so; the store keeps every acknowledged batch and stays readable")
    void diskFullKeepsTheLastCheckpoint() throws Exception {
        SmallDisk disk = SmallDisk.under(dir, "24m");
        Path db = disk.mountPoint().resolve("db");
        DiskFiller filler = DiskFiller.writingTo("lmdb:" + db + "?mapSize=256m&sync=full").withReadAfterTheFailure();

        DiskFillerReport report = disk.fill(filler, List.of(
                "--add-opens", "java.base/java.nio=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED"));

        assertThat(report.failure()).as(report.describe())
                .startsWith("lmdb store at " + db)
                .contains("the disk is full")
                .endsWith("the failed write was not committed and the store is intact");
        report.assertEveryAcknowledgedBatchKept();
    }
}
