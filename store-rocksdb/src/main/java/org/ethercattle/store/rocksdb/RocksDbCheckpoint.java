package org.ethercattle.store.rocksdb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.ethercattle.api.StoreException;
import org.ethercattle.adapter.support.Directories;
import org.rocksdb.Checkpoint;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.Status;

/**
 * Writes a consistent copy of an open RocksDB with RocksDB's {@link Checkpoint}: it flushes the
 * memtables, then hard-links the immutable table files into the target (copies them across file
 * systems) together with the live WAL, in a staging directory {@code TARGET.tmp} renamed into place at
 * the end. The copy is a prefix of whole batches, because a flush and the WAL's recorded size both cut
 * between write groups.
 *
 * <p>Guards what RocksDB would otherwise do to files that are not its own: it wipes an existing
 * staging directory first, so one that exists is refused here.
 */
final class RocksDbCheckpoint {

    private RocksDbCheckpoint() {}

    /**
     * Validates {@code target} before any work: it must not exist, its parent must, and neither may the
     * staging directory. Returns it absolute and normalized.
     */
    static Path checkTarget(Path target) {
        Objects.requireNonNull(target, "target");
        Path copy = target.toAbsolutePath().normalize();
        if (Files.exists(copy)) {
            throw targetExists(copy);
        }
        Path parent = copy.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new StoreException("checkpoint target " + copy + " has no parent directory; create "
                    + parent + " first");
        }
        Path staging = copy.resolveSibling(copy.getFileName() + ".tmp");
        if (Files.exists(staging)) {
            throw new StoreException("cannot checkpoint into " + copy + ": " + staging + " exists, and RocksDB"
                    + " stages the copy there; remove it (it may be left from an interrupted checkpoint) or"
                    + " choose another target");
        }
        return copy;
    }

    /** Writes the copy of {@code db} (the store at {@code storePath}) into {@code copy}; the caller keeps {@code db} open. */
    static void write(RocksDB db, Path storePath, Path copy) {
        try (Checkpoint checkpoint = Checkpoint.create(db)) {
            checkpoint.createCheckpoint(copy.toString());
        } catch (RocksDBException e) {
            if (e.getStatus() != null && e.getStatus().getCode() == Status.Code.InvalidArgument
                    && Files.exists(copy)) {
                throw targetExists(copy); // created by someone else meanwhile: not ours to delete
            }
            // RocksDB removes its staging directory itself; the target exists only when it failed after
            // the rename (syncing the directory), and then it is ours to remove.
            try {
                Directories.deleteRecursively(copy);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup); // the partial copy stays; the checkpoint error names the target
            }
            throw RocksDbErrors.translate(e, storePath, "checkpoint into " + copy + " from");
        }
    }

    /** Makes the rename of the finished copy into its parent durable; RocksDB synced the files themselves. */
    static void syncParent(Path copy) {
        Path parent = copy.getParent();
        try {
            Directories.fsync(parent);
        } catch (IOException e) {
            throw new StoreException("checkpoint " + copy + " was written but its directory " + parent
                    + " could not be synced (" + e + "); check the disk before relying on the copy", e);
        }
    }

    private static StoreException targetExists(Path copy) {
        return new StoreException("checkpoint target " + copy + " already exists; give a path that does not"
                + " exist yet (its parent must)");
    }
}
