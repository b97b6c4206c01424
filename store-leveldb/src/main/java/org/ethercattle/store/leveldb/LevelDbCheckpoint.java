package org.ethercattle.store.leveldb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.ethercattle.api.StoreException;
import org.ethercattle.adapter.support.Directories;
import org.iq80.leveldb.DB;
import org.iq80.leveldb.DBException;
import org.iq80.leveldb.Options;
import org.iq80.leveldb.ReadOptions;
import org.iq80.leveldb.WriteBatch;
import org.iq80.leveldb.WriteOptions;

/**
 * One copy of a live {@link LevelDbDatabase} into a new LevelDB directory. LevelDB has no checkpoint
 * API, so the copy iterates one snapshot of the source (a cursor's implicit snapshot) and writes it in
 * large batches. The copy therefore holds exactly the writes completed before the snapshot: whole
 * batches only, which is what keeps a replay checkpoint stored beside its data consistent.
 *
 * <p>On any failure, including a close of the source or an interrupt of the calling thread, the
 * partial copy is deleted before the exception propagates.
 */
final class LevelDbCheckpoint {

    /** Bytes per batch written into the copy: large enough to amortise LevelDB's per-write cost. */
    static final long BATCH_BYTES = 4L << 20;

    private final LevelDbDatabase source;
    private final Path target;

    LevelDbCheckpoint(LevelDbDatabase source, Path target) {
        this.source = source;
        this.target = target.toAbsolutePath();
    }

    void run() {
        source.requireOpen();
        if (Files.exists(target)) {
            throw new StoreException("checkpoint target " + target + " already exists; a checkpoint never"
                    + " overwrites, so choose a new path or remove the old copy");
        }
        Path parent = target.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new StoreException("checkpoint target " + target + " has no parent directory; create "
                    + parent + " first");
        }
        requireRoomFor(parent);
        try {
            copy();
            syncDirectory(target);
            syncDirectory(parent);
        } catch (RuntimeException | Error e) {
            removePartialCopy(e);
            throw e;
        }
    }

    /**
     * Refuses to start a copy that would fill the target's disk: the LevelDB in leveldbjni crashes the JVM
     * on a full disk (see {@link FreeSpaceCheck}). The source's files bound the copy's size, since the copy
     * uses the same options and holds no overwritten or deleted entries.
     */
    private void requireRoomFor(Path parent) {
        long reserve = source.options().minFreeSpace();
        if (reserve == 0) {
            return;
        }
        long needed;
        long free;
        try (Stream<Path> files = Files.walk(source.path())) {
            needed = reserve;
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(file)) {
                    needed += Files.size(file);
                }
            }
            free = Files.getFileStore(parent).getUsableSpace();
        } catch (IOException | UncheckedIOException e) {
            return; // files come and go under compaction; not knowing is no reason to refuse
        }
        if (free < needed) {
            throw new StoreException("checkpoint target " + target + " has only " + (free >> 20) + " MiB free on"
                    + " its disk, but copying " + source + " may need " + (needed >> 20) + " MiB (its files plus"
                    + " minFreeSpace); free space or choose a target on another disk");
        }
    }

    private void copy() {
        Options options = source.options().toNative(false).createIfMissing(true).errorIfExists(true);
        DB copy;
        try {
            copy = NativeLibrary.factory().open(target.toFile(), options);
        } catch (IOException | DBException e) {
            throw LevelDbErrors.translate(target, "create", e);
        }
        // a full scan must not evict the blocks the replica's readers are using
        ReadOptions scan = new ReadOptions().fillCache(false);
        try (copy; LevelDbCursor cursor = source.openCursor(new byte[0], new byte[0], scan)) {
            WriteOptions unsynced = new WriteOptions().sync(false);
            WriteBatch batch = copy.createWriteBatch();
            try {
                long bytes = 0;
                while (cursor.next()) {
                    byte[] key = cursor.currentKey();
                    byte[] value = cursor.currentValue();
                    batch.put(key, value);
                    bytes += key.length + value.length;
                    if (bytes >= BATCH_BYTES) {
                        copy.write(batch, unsynced);
                        batch.close();
                        batch = copy.createWriteBatch();
                        bytes = 0;
                        checkInterrupt();
                    }
                }
                // one synced write makes the whole log durable; tables were synced when LevelDB built them
                copy.write(batch, new WriteOptions().sync(true));
            } finally {
                batch.close();
            }
        } catch (IOException | DBException e) {
            throw LevelDbErrors.translate(target, "write the checkpoint to", e);
        }
    }

    private void checkInterrupt() {
        if (Thread.currentThread().isInterrupted()) {
            throw new StoreException("checkpoint of " + source + " into " + target + " was interrupted; the"
                    + " partial copy was removed, run the checkpoint again");
        }
    }

    private static void syncDirectory(Path directory) {
        // LevelDB 1.x does not fsync directories, so new file names could vanish in a power loss
        try {
            Directories.fsync(directory);
        } catch (IOException e) {
            throw new StoreException("cannot make checkpoint directory " + directory + " durable: " + e
                    + "; check the disk", e);
        }
    }

    private void removePartialCopy(Throwable failure) {
        try {
            Directories.deleteRecursively(target);
        } catch (IOException e) {
            // the copy's own failure stays the one thrown; this one rides along so the leftover is named
            failure.addSuppressed(new StoreException("could not remove the partial checkpoint at " + target
                    + " (" + e + "); remove it by hand", e));
        }
    }
}
