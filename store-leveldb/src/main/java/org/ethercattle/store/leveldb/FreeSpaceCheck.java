package org.ethercattle.store.leveldb;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.ethercattle.api.StoreException;

/**
 * Refuses writes while the store's file system has less than {@code minFreeSpace} bytes free.
 *
 * <p>Why: the LevelDB inside leveldbjni-all 1.8 writes its log and table files through {@code mmap}. When
 * the disk fills, the kernel answers the page fault with {@code SIGBUS}, which kills the JVM instead of
 * returning an error. Refusing writes before that point turns a crash into a {@link StoreException}
 * (and leaves room for the compactions already under way). Free space is asked of the file system once
 * per {@link #CHECK_EVERY_BYTES} written, so the cost on the write path is one atomic add.
 */
final class FreeSpaceCheck {

    /** Bytes written between two looks at the file system. */
    static final long CHECK_EVERY_BYTES = 4L << 20;

    private final Path path;
    private final long minFreeSpace;
    private final FileStore fileStore;
    // starts due, so the first write looks
    private final AtomicLong bytesSinceCheck = new AtomicLong(CHECK_EVERY_BYTES);

    private FreeSpaceCheck(Path path, long minFreeSpace, FileStore fileStore) {
        this.path = path;
        this.minFreeSpace = minFreeSpace;
        this.fileStore = fileStore;
    }

    /** A check for the store at {@code path} (which exists); {@code minFreeSpace} 0 switches it off. */
    static FreeSpaceCheck of(Path path, long minFreeSpace) {
        if (minFreeSpace == 0) {
            return new FreeSpaceCheck(path, 0, null);
        }
        try {
            return new FreeSpaceCheck(path, minFreeSpace, Files.getFileStore(path));
        } catch (IOException e) {
            throw new StoreException("cannot find the file system of leveldb store at " + path + ": " + e
                    + "; check the path, or set minFreeSpace=0 to skip the free-space check", e);
        }
    }

    /** Call before writing {@code bytes}; throws {@link StoreException} when too little space is left. */
    void beforeWrite(long bytes) {
        if (fileStore == null || bytesSinceCheck.addAndGet(bytes) < CHECK_EVERY_BYTES) {
            return;
        }
        long free;
        try {
            free = fileStore.getUsableSpace();
        } catch (IOException e) {
            return; // not knowing is no reason to stop writing; LevelDB reports real I/O errors itself
        }
        if (free < minFreeSpace) {
            // stays due, so every write looks again until space is back
            throw new StoreException("leveldb store at " + path + " refuses writes: only " + (free >> 20)
                    + " MiB free on its disk, below minFreeSpace=" + (minFreeSpace >> 20) + "m (LevelDB 1.x would"
                    + " crash the process on a full disk); free space or move the store. The last checkpoint is"
                    + " intact because every batch is written atomically, so replay resumes from there");
        }
        bytesSinceCheck.set(0);
    }
}
