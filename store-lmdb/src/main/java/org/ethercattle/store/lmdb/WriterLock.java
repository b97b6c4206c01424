package org.ethercattle.store.lmdb;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.ethercattle.api.StoreException;

/**
 * The one-writer-per-store lock of an LMDB directory: an exclusive {@link FileChannel#tryLock()} on
 * {@value #FILE_NAME} in the store's directory, held from a read-write open until close.
 *
 * <p>LMDB itself serializes write transactions across processes but lets any number of processes
 * open an environment read-write, so without this lock a second replica (or a replica pointed at a
 * live master's store) would interleave its writes and checkpoint keys with the owner's. RocksDB and
 * LevelDB refuse that with their own {@code LOCK} files; this is LMDB's equivalent. It is a separate
 * file because {@code lock.mdb} belongs to LMDB's reader table. The lock is an OS lock ({@code fcntl}),
 * so it dies with its process: a writer killed with SIGKILL leaves no stale lock behind, only an
 * empty file that the next writer locks again.
 *
 * <p>Read-only opens take no lock, so they can sit beside a writer the way LMDB's readers do (and
 * {@code cattle snapshot} copies a running replica's store that way).
 */
final class WriterLock implements AutoCloseable {

    /** The lock file's name inside the store directory. */
    static final String FILE_NAME = "cattle.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private WriterLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the writer lock of the store in {@code directory} (which exists).
     *
     * @throws StoreException when another process, or another open in this JVM, holds it, or when the
     *                        lock file cannot be created; the message names the directory and the fix
     */
    static WriterLock acquire(Path directory) {
        Path file = directory.resolve(FILE_NAME);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new StoreException("cannot create the lock file " + file + " of lmdb store at " + directory + ": "
                    + e + "; a read-write open needs write access to the store directory", e);
        }
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new StoreException("lmdb store at " + directory + " is in use by another process (its "
                        + FILE_NAME + " is held); stop that process or use another directory");
            }
            return new WriterLock(channel, lock);
        } catch (OverlappingFileLockException e) {
            // This JVM already holds the lock: a second open of the same directory here.
            closeQuietly(channel);
            throw new StoreException("lmdb store at " + directory + " is already open in this JVM (its " + FILE_NAME
                    + " is held); share the open Database instead of opening it again", e);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StoreException("cannot lock " + file + " of lmdb store at " + directory + ": " + e
                    + "; the file system must support file locks (a local disk, not a network file system)", e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /** Releases the lock; the file stays, so the next writer need not create it. */
    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel below releases it anyway
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing was written through it; the OS drops the lock with the descriptor
        }
    }
}
