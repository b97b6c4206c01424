package org.ethercattle.store.leveldb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.ethercattle.api.StoreException;
import org.iq80.leveldb.DBException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * LevelDB status strings that a test cannot provoke portably (a full disk), translated into messages
 * with the path and the fix. The strings are the ones LevelDB's POSIX environment produces.
 */
class LevelDbErrorsTest {

    private static final Path PATH = Path.of("/data/replica");

    @Test
    @DisplayName("a full disk says so and that the last checkpoint is intact")
    void noSpace() {
        StoreException e = LevelDbErrors.translate(PATH, "write a batch to",
                new DBException("IO error: /data/replica/000012.log: No space left on device"));
        assertThat(e.getMessage())
                .startsWith("leveldb store at /data/replica could not write a batch to it: no space left")
                .contains("free space or move the store")
                .contains("last checkpoint is intact");
        assertThat(e.getCause()).isInstanceOf(DBException.class);
    }

    @Test
    @DisplayName("an unrecognised failure still names the path and what to check")
    void otherFailure() {
        StoreException e = LevelDbErrors.translate(PATH, "open",
                new DBException("IO error: /data/replica/LOCK: Permission denied"));
        assertThat(e.getMessage()).contains("/data/replica").contains("Permission denied").contains("writable");
    }
}
