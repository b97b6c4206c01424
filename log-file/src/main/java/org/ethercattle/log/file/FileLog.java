package org.ethercattle.log.file;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.ethercattle.api.log.LogException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A file log's directory: its metadata (format version, stream id), its segment files, its append lock,
 * and retention.
 *
 * <p>Layout: {@value LogMetadata#FILE_NAME} (created with the log), {@value #LOCK_FILE} (the inter-process
 * append lock; its content is unused) and segment files named by the index of their first entry (see
 * {@link SegmentFile}). Everything that changes the directory happens under the append lock; readers
 * never take it (except to create the metadata of a brand-new log). Thread-safe; each producer and
 * consumer holds its own instance, closed with it.
 */
public final class FileLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FileLog.class);

    static final String LOCK_FILE = "append.lock";

    private final Path directory;
    private final FileLogOptions options;
    private final AppendLock lock;
    private final String streamId;
    private boolean closed;

    private FileLog(Path directory, FileLogOptions options, AppendLock lock, String streamId) {
        this.directory = directory;
        this.options = options;
        this.lock = lock;
        this.streamId = streamId;
    }

    /**
     * Opens the log in {@code directory}, creating its metadata when the directory holds no log yet.
     *
     * @param forWriting a producer's open: a missing directory is created, and it must be writable
     * @throws LogException naming the path when it is not a directory, is not readable (or writable for
     *                      a producer), does not exist (for a consumer), or holds segments but no metadata
     */
    public static FileLog open(Path directory, FileLogOptions options, boolean forWriting) {
        Path dir = directory.toAbsolutePath().normalize();
        if (!Files.exists(dir)) {
            if (!forWriting) {
                throw LogException.fatal("file log " + dir + " does not exist; check the path, or start the"
                        + " producer first (it creates the directory)");
            }
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw LogException.fatal("cannot create file log directory " + dir + ": " + e
                        + "; create it or choose a writable path", e);
            }
        }
        if (!Files.isDirectory(dir)) {
            throw LogException.fatal("file log path " + dir + " is not a directory; a file log is a directory of"
                    + " segment files, give the path of a directory (it is created when missing)");
        }
        if (!Files.isReadable(dir) || (forWriting && !Files.isWritable(dir))) {
            throw LogException.fatal("file log directory " + dir + " is not " + (forWriting ? "writable" : "readable")
                    + " by this user; fix its permissions or choose another path");
        }
        Path realDir;
        try {
            realDir = dir.toRealPath();
        } catch (IOException e) {
            throw LogException.fatal("cannot resolve file log directory " + dir + ": " + e, e);
        }
        refuseStoreDirectory(realDir);
        AppendLock lock = AppendLock.forFile(realDir.resolve(LOCK_FILE));
        try {
            return new FileLog(realDir, options, lock, metadata(realDir, lock).streamId());
        } catch (RuntimeException e) {
            lock.release();
            throw e;
        }
    }

    private static void refuseStoreDirectory(Path dir) {
        Optional<String> store;
        try {
            store = StoreDirectory.recognize(dir);
        } catch (UncheckedIOException e) {
            throw LogException.fatal("cannot list file log directory " + dir + ": " + e.getCause()
                    + "; fix its permissions or choose another path", e);
        }
        if (store.isPresent()) {
            throw LogException.fatal("file log directory " + dir + " holds " + store.get() + "; a log and a store"
                    + " cannot share a directory: give the log its own directory, e.g. a sibling of the store's");
        }
    }

    @SuppressWarnings("try") // the lock is the try block: held for its duration, never read
    private static LogMetadata metadata(Path dir, AppendLock lock) {
        if (Files.exists(dir.resolve(LogMetadata.FILE_NAME))) {
            return LogMetadata.read(dir);
        }
        if (!Files.isWritable(dir)) {
            throw LogException.fatal("file log directory " + dir + " holds no log yet and is not writable, so it"
                    + " cannot be created here; start the producer first or fix the permissions");
        }
        try (AppendLock.Held held = lock.acquire()) {
            if (Files.exists(dir.resolve(LogMetadata.FILE_NAME))) {
                return LogMetadata.read(dir);
            }
            List<SegmentFile> segments = listSegments(dir);
            if (!segments.isEmpty()) {
                throw LogException.fatal("file log directory " + dir + " holds segment files but no "
                        + LogMetadata.FILE_NAME + "; restore that file from a backup (replicas check its"
                        + " streamId) rather than recreating it");
            }
            LogMetadata created = LogMetadata.create(dir);
            LOG.info("Created file log {} (stream id {})", dir, created.streamId());
            return created;
        }
    }

    /** The log's directory (absolute, symbolic links resolved). */
    public Path directory() {
        return directory;
    }

    /** The stable id of this log, fixed when it was created. */
    public String streamId() {
        return streamId;
    }

    public FileLogOptions options() {
        return options;
    }

    /** Takes the append lock; close the result to release it. */
    AppendLock.Held lock() {
        return lock.acquire();
    }

    SegmentFile segment(long baseIndex) {
        return SegmentFile.in(directory, baseIndex);
    }

    /** The segment files now present, oldest first. */
    List<SegmentFile> segments() {
        return listSegments(directory);
    }

    private static List<SegmentFile> listSegments(Path dir) {
        List<SegmentFile> segments = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SegmentFile.SUFFIX)) {
            for (Path file : files) {
                long base = SegmentFile.parseBaseIndex(file.getFileName().toString());
                if (base >= 0) {
                    segments.add(new SegmentFile(base, file));
                }
            }
        } catch (IOException e) {
            throw LogException.retriable("cannot list file log directory " + dir + ": " + e, e);
        }
        Collections.sort(segments);
        return segments;
    }

    /**
     * Deletes whole oldest segments that the retention limits no longer keep: while all segments
     * together are longer than {@code retentionBytes}, or while the oldest segment's last write (its
     * file modification time) is older than {@code retentionAge}. The newest segment, the one appended
     * to, is never deleted. Takes the append lock; safe while other processes read and append (a
     * reader holding a deleted segment open finishes it; one that needs it later gets
     * {@link org.ethercattle.api.log.PositionExpiredException}).
     *
     * @return the number of segments deleted
     */
    @SuppressWarnings("try") // the lock is the try block: held for its duration, never read
    public int enforceRetention() {
        if (!options.hasRetention()) {
            return 0;
        }
        try (AppendLock.Held held = lock.acquire()) {
            return enforceRetentionLocked();
        }
    }

    /** {@link #enforceRetention()} for a caller already holding the append lock. */
    int enforceRetentionLocked() {
        if (!options.hasRetention()) {
            return 0;
        }
        List<SegmentFile> segments = segments();
        long[] sizes = new long[segments.size()];
        long total = 0;
        for (int i = 0; i < segments.size(); i++) {
            sizes[i] = sizeOf(segments.get(i).path());
            total += sizes[i];
        }
        long cutoff = ageCutoff(options.retentionAge());
        int deleted = 0;
        for (int i = 0; i < segments.size() - 1; i++) {
            SegmentFile segment = segments.get(i);
            boolean tooBig = total > options.retentionBytes();
            boolean tooOld = lastModified(segment.path()) < cutoff;
            if (!tooBig && !tooOld) {
                break;
            }
            try {
                Files.deleteIfExists(segment.path());
            } catch (IOException e) {
                throw LogException.retriable("cannot delete expired segment " + segment.path() + ": " + e
                        + "; check the directory's permissions", e);
            }
            total -= sizes[i];
            deleted++;
            LOG.info("Retention deleted segment {} ({} B, {}); entries before {} are gone",
                    segment.path(), sizes[i], tooBig ? "over retentionBytes" : "older than retentionAge",
                    new FilePosition(segments.get(i + 1).baseIndex()));
        }
        return deleted;
    }

    private static long ageCutoff(Duration age) {
        if (age.equals(FileLogOptions.FOREVER)) {
            return Long.MIN_VALUE;
        }
        long millis;
        try {
            millis = age.toMillis();
        } catch (ArithmeticException e) {
            return Long.MIN_VALUE;
        }
        return System.currentTimeMillis() - millis;
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw LogException.retriable("cannot read the size of " + file + ": " + e, e);
        }
    }

    private static long lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (NoSuchFileException e) {
            return Long.MAX_VALUE;
        } catch (IOException e) {
            throw LogException.retriable("cannot read the modification time of " + file + ": " + e, e);
        }
    }

    /** Releases this instance's share of the append lock. Idempotent. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            lock.release();
        }
    }

    @Override
    public String toString() {
        return "file log " + directory;
    }
}
