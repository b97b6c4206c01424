package org.ethercattle.log.file;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.ethercattle.api.log.LogException;

/**
 * The exclusive right to change a log directory (append, roll, truncate a torn tail, delete segments,
 * create the metadata), held across threads and processes.
 *
 * <p>Two layers, because an OS file lock is per process: a {@link ReentrantLock} orders the threads of
 * this JVM, then {@link FileChannel#lock()} on the directory's lock file orders processes. One
 * instance exists per lock file per JVM (reference-counted through {@link #forFile} and
 * {@link #release}): POSIX drops all of a process's locks on a file when any of its descriptors of
 * that file is closed, so the file must be opened once per process. Thread-safe.
 */
final class AppendLock {

    private static final Map<Path, AppendLock> OPEN = new HashMap<>();

    private final Path file;
    private final ReentrantLock threads = new ReentrantLock();
    private FileChannel channel;
    private int users;

    private AppendLock(Path file) {
        this.file = file;
    }

    /** The lock of {@code file} (an absolute, normalized path); pair every call with {@link #release()}. */
    static AppendLock forFile(Path file) {
        synchronized (OPEN) {
            AppendLock lock = OPEN.computeIfAbsent(file, AppendLock::new);
            lock.users++;
            return lock;
        }
    }

    /** Gives up one user's reference; the last one closes the file. */
    void release() {
        synchronized (OPEN) {
            if (--users == 0) {
                OPEN.remove(file);
                closeQuietly();
            }
        }
    }

    /**
     * Blocks until this thread holds the lock against every other thread and process.
     *
     * @return the hold; closing it releases the lock
     * @throws LogException when the lock file cannot be opened or locked
     */
    Held acquire() {
        threads.lock();
        try {
            return new Held(lockFile());
        } catch (IOException | RuntimeException e) {
            threads.unlock();
            if (e instanceof LogException le) {
                throw le;
            }
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
            }
            throw LogException.retriable("cannot lock " + file + " to append: " + e
                    + "; check that the directory is writable and on a local file system", e);
        }
    }

    private FileLock lockFile() throws IOException {
        for (int attempt = 0; ; attempt++) {
            try {
                if (channel == null || !channel.isOpen()) {
                    channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                            StandardOpenOption.WRITE);
                }
                return channel.lock();
            } catch (ClosedChannelException e) {
                // An interrupt of another thread closed the shared channel; reopen once, fail if ours.
                if (attempt > 0 || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                channel = null;
            }
        }
    }

    private void closeQuietly() {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // Closing drops the lock, which is all we need.
        }
    }

    /** A held lock; {@link #close()} releases it. Used by the thread that acquired it only. */
    final class Held implements AutoCloseable {
        private final FileLock fileLock;

        private Held(FileLock fileLock) {
            this.fileLock = fileLock;
        }

        @Override
        public void close() {
            try {
                if (fileLock.isValid()) {
                    fileLock.release();
                }
            } catch (IOException ignored) {
                // The channel is gone (closed by an interrupt), which released the OS lock already.
            } finally {
                threads.unlock();
            }
        }
    }
}
