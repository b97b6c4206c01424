package org.ethercattle.store.lmdb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import org.ethercattle.api.StoreException;
import org.ethercattle.adapter.support.Directories;
import org.lmdbjava.CopyFlags;
import org.lmdbjava.Env;
import org.lmdbjava.LmdbException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a consistent copy of an open LMDB environment with {@code mdb_env_copy2} and
 * {@code MDB_CP_COMPACT}: LMDB copies from one read transaction, so the copy holds exactly the
 * transactions committed before it began, and compacting leaves out free pages. The caller holds the
 * store's map gate shared for the whole copy, so a map growth waits for it. The copy is flushed to disk
 * before {@link #write} returns; a failed copy is removed.
 */
final class LmdbCheckpoint {

    private static final Logger LOG = LoggerFactory.getLogger(LmdbCheckpoint.class);

    private LmdbCheckpoint() {}

    /**
     * Validates {@code target} before any work: it must not exist (not even as a dangling link) and its
     * parent must. Returns it absolute and normalized.
     */
    static Path checkTarget(Path target) {
        Objects.requireNonNull(target, "target");
        Path absolute = target.toAbsolutePath().normalize();
        if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
            throw new StoreException("checkpoint target " + absolute + " already exists; choose a new directory"
                    + " (its parent must exist)");
        }
        Path parent = absolute.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new StoreException("checkpoint target " + absolute + " has no parent directory; create "
                    + parent + " first");
        }
        return absolute;
    }

    /** Copies {@code env} (the store at {@code directory}) into the new directory {@code copy}. */
    static void write(Env<ByteBuffer> env, Path directory, Path copy) {
        try {
            Files.createDirectory(copy);
            env.copy(copy.toFile(), CopyFlags.MDB_CP_COMPACT);
            try (FileChannel data = FileChannel.open(copy.resolve("data.mdb"), StandardOpenOption.WRITE)) {
                data.force(true);
            }
            syncDirectory(copy);
        } catch (IOException | LmdbException | UncheckedIOException e) {
            removePartialCopy(copy);
            throw new StoreException("checkpoint of lmdb store at " + directory + " into " + copy
                    + " failed: " + e.getMessage() + "; check free space and permissions there (the partial copy"
                    + " was removed)", e);
        }
    }

    private static void syncDirectory(Path copy) {
        try {
            Directories.fsync(copy);
        } catch (IOException e) {
            // Some file systems cannot fsync a directory; the file itself is durable.
        }
    }

    private static void removePartialCopy(Path copy) {
        try {
            Directories.deleteRecursively(copy);
        } catch (IOException e) {
            LOG.warn("could not remove {} after a failed checkpoint: {}", copy, e.toString());
        }
    }
}
