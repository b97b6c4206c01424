package org.ethercattle.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.ethercattle.api.StoreException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.rocksdb.RocksDBException;
import org.rocksdb.Status;

/** The statuses RocksDB reports, as it reports them, and the messages an operator gets for them. */
class RocksDbErrorsTest {

    private static final Path PATH = Path.of("/var/lib/cattle/db");

    @Test
    @DisplayName("no space left: names the path, says to free space, and that the last checkpoint is intact")
    void diskFull() {
        StoreException e = RocksDbErrors.translate(new RocksDBException("IO error: No space left on device",
                new Status(Status.Code.IOError, Status.SubCode.NoSpace, "No space left on device")), PATH, "write to");
        assertThat(e).hasMessageStartingWith("disk full at /var/lib/cattle/db")
                .hasMessageContaining("free space and restart; the last checkpoint is intact");
    }

    @Test
    @DisplayName("a held LOCK file: names the path and says to stop the other process or use another path")
    void lockHeld() {
        StoreException e = RocksDbErrors.translate(new RocksDBException(
                "While lock file: /var/lib/cattle/db/LOCK: Resource temporarily unavailable",
                new Status(Status.Code.IOError, Status.SubCode.None, null)), PATH, "open");
        assertThat(e).hasMessage("rocksdb store at /var/lib/cattle/db is in use by another process (its LOCK file"
                + " is held); stop that process or use another path");
    }

    @Test
    @DisplayName("corruption: names the path and says to restore from a snapshot")
    void corruption() {
        StoreException e = RocksDbErrors.translate(new RocksDBException("Corruption: block checksum mismatch",
                new Status(Status.Code.Corruption, Status.SubCode.None, null)), PATH, "read from");
        assertThat(e).hasMessageContaining("/var/lib/cattle/db is corrupt").hasMessageContaining("snapshot");
    }

    @Test
    @DisplayName("anything else: names the action and the path, and says the earlier state is intact")
    void other() {
        StoreException e = RocksDbErrors.translate(new RocksDBException("IO error: Input/output error",
                new Status(Status.Code.IOError, Status.SubCode.None, null)), PATH, "write a batch to");
        assertThat(e).hasMessageStartingWith("could not write a batch to the rocksdb store at /var/lib/cattle/db")
                .hasMessageContaining("intact");
    }
}
