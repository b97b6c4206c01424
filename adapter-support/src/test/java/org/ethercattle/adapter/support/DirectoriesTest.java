package org.ethercattle.adapter.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoriesTest {

    @TempDir
    Path temporary;

    @Test
    @DisplayName("deleteRecursively removes a directory with nested directories, files and an empty directory")
    void deletesANestedTree() throws IOException {
        Path root = temporary.resolve("copy");
        Files.createDirectories(root.resolve("a/b/c"));
        Files.createDirectories(root.resolve("empty"));
        Files.writeString(root.resolve("top.txt"), "top");
        Files.writeString(root.resolve("a/b/c/deep.txt"), "deep");
        Files.writeString(root.resolve("a/middle.txt"), "middle");

        Directories.deleteRecursively(root);

        assertThat(root).doesNotExist();
        assertThat(temporary).isEmptyDirectory();
    }

    @Test
    @DisplayName("deleteRecursively deletes a symbolic link inside the tree but nothing it points to")
    void doesNotFollowSymbolicLinks() throws IOException {
        Path outside = Files.createDirectories(temporary.resolve("outside"));
        Files.writeString(outside.resolve("keep.txt"), "keep");
        Path root = Files.createDirectories(temporary.resolve("copy"));
        Files.createSymbolicLink(root.resolve("link"), outside);

        Directories.deleteRecursively(root);

        assertThat(root).doesNotExist();
        assertThat(outside.resolve("keep.txt")).hasContent("keep");
    }

    @Test
    @DisplayName("deleteRecursively of a path that does not exist does nothing")
    void missingRootIsNoOp() {
        assertThatCode(() -> Directories.deleteRecursively(temporary.resolve("never-created")))
                .doesNotThrowAnyException();
        assertThat(temporary).isEmptyDirectory();
    }

    @Test
    @DisplayName("deleteRecursively of a plain file deletes that file")
    void deletesAPlainFile() throws IOException {
        Path file = Files.writeString(temporary.resolve("lone.txt"), "x");

        Directories.deleteRecursively(file);

        assertThat(file).doesNotExist();
    }

    @Test
    @DisplayName("fsync succeeds on an existing directory and fails on a missing one")
    void fsyncNeedsAnExistingDirectory() throws IOException {
        Path directory = Files.createDirectories(temporary.resolve("synced"));
        Directories.fsync(directory);

        assertThatThrownBy(() -> Directories.fsync(temporary.resolve("missing")))
                .isInstanceOf(NoSuchFileException.class);
    }
}
