package org.ethercattle.store.rocksdb;

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
 * A real full disk: a child JVM runs the TCK's {@link DiskFiller} on a 24 MiB {@link SmallDisk}. Skipped
 * where such a disk cannot be mounted. RocksDB repeats its background error on close, so the filler
 * ignores an error from closing the failed store; the read-only reopen is what must find the checkpoint.
 */
class RocksDbDiskFullTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("a full disk fails the write with 'disk full at PATH', and the store keeps every acknowledged batch")
    void diskFullKeepsTheLastCheckpoint() throws Exception {
        SmallDisk disk = SmallDisk.under(dir, "24m");
        Path db = disk.mountPoint().resolve("db");
        DiskFiller filler = DiskFiller.writingTo("rocksdb:" + db + "?writeBufferSize=1m&compression=none")
                .withCloseMayFail();

        DiskFillerReport report = disk.fill(filler, List.of());

        assertThat(report.failure()).as(report.describe())
                .startsWith("disk full at " + db)
                .endsWith("free space and restart; the last checkpoint is intact");
        report.assertEveryAcknowledgedBatchKept();
    }
}
