package org.ethercattle.adapter.support;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ethercattle.api.StoreException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileLogDirectoryTest {

    @TempDir
    Path temporary;

    @Test
    @DisplayName("a directory holding the file log's marker is refused with the store kind, the directory and the fix")
    void refusesAFileLogDirectory() throws IOException {
        Files.writeString(temporary.resolve(FileLogDirectory.MARKER), "format=1\n");

        assertThatThrownBy(() -> FileLogDirectory.refuseAsStore("lmdb", temporary))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("lmdb store directory " + temporary)
                .hasMessageContaining("holds a Cattle file log (cattle-log.properties)")
                .hasMessageContaining("give the store its own directory");
    }

    @Test
    @DisplayName("a directory without the marker, or one that does not exist yet, is accepted")
    void acceptsOtherDirectories() throws IOException {
        Files.writeString(temporary.resolve("data.mdb"), "not a log");

        assertThatCode(() -> FileLogDirectory.refuseAsStore("rocksdb", temporary)).doesNotThrowAnyException();
        assertThatCode(() -> FileLogDirectory.refuseAsStore("rocksdb", temporary.resolve("new")))
                .doesNotThrowAnyException();
    }
}
