package org.ethercattle.adapter.support;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * The file-system steps a store adapter needs around its own files: removing a partial copy, and making
 * new directory entries durable.
 */
public final class Directories {

    private Directories() {}

    /**
     * Deletes {@code root} and everything under it; does nothing when {@code root} does not exist.
     * Symbolic links are deleted, never followed, so nothing outside {@code root} is touched. Keeps going
     * past an entry it cannot delete, so as much as possible is gone, and then throws.
     *
     * @throws IOException the first entry that could not be deleted or read (later ones are suppressed in
     *                     it); what could be deleted is gone
     */
    public static void deleteRecursively(Path root) throws IOException {
        Objects.requireNonNull(root, "root");
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Deleter deleter = new Deleter();
        Files.walkFileTree(root, deleter);
        if (deleter.failure != null) {
            throw deleter.failure;
        }
    }

    /**
     * Flushes {@code directory} itself to disk, so the names created or renamed in it survive a power
     * loss (a file's own fsync does not cover its directory entry).
     *
     * @throws IOException when the directory cannot be opened or synced; some file systems cannot fsync
     *                     a directory at all, and whether that matters is the caller's call
     */
    public static void fsync(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** Deletes files on the way down and directories on the way up, collecting failures instead of stopping. */
    private static final class Deleter extends SimpleFileVisitor<Path> {

        private IOException failure;

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
            delete(file);
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
            // Gone meanwhile is what we wanted; anything else is a failure, though maybe a deletable one.
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                delete(file);
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path directory, IOException e) {
            if (e != null) {
                record(e);
            }
            delete(directory);
            return FileVisitResult.CONTINUE;
        }

        private void delete(Path path) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                record(e);
            }
        }

        private void record(IOException e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }
    }
}
