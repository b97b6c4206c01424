package org.ethercattle.store.leveldb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.ethercattle.api.spi.OpenMode;
import org.ethercattle.tck.DiskFiller;
import org.ethercattle.tck.DiskFillerReport;
import org.ethercattle.tck.SmallDisk;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk filling up for real: a child JVM runs the TCK's {@link DiskFiller} on a 128 MiB {@link SmallDisk}
 * (skipped where that cannot be mounted) with {@code minFreeSpace=64m}. The guard must stop the writes
 * with an error before LevelDB reaches the full disk (where the bundled LevelDB would die of SIGBUS, exit
 * 135), the store must still answer reads, and every acknowledged batch must survive a reopen.
 */
class LevelDbDiskFullTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("a filling disk is refused at minFreeSpace with the fix in the message; every acknowledged batch is kept")
    void fillingDiskStopsAtMinFreeSpace() throws Exception {
        SmallDisk disk = SmallDisk.under(dir, "128m");
        Path db = disk.mountPoint().resolve("db");
        DiskFiller filler = DiskFiller.writingTo("leveldb:" + db + "?writeBufferSize=1m&compression=none&minFreeSpace=64m")
                .withReadAfterTheFailure()
                // minFreeSpace=0: reopening must not depend on the space the guard kept free.
                .withReopen("leveldb:" + db + "?minFreeSpace=0", OpenMode.READ_WRITE);

        DiskFillerReport report = disk.fill(filler, List.of());

        assertThat(report.failure()).as(report.describe())
                .startsWith("leveldb store at " + db + " refuses writes")
                .contains("below minFreeSpace=64m")
                .contains("The last checkpoint is intact");
        report.assertEveryAcknowledgedBatchKept();
    }
}
