package org.ethercattle.log.file;

import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.locks.LockSupport;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.log.LogEntry;
import org.ethercattle.api.log.LogException;
import org.ethercattle.api.log.Position;
import org.ethercattle.api.log.PositionExpiredException;

/**
 * Reads a file log, also while other processes append to it. Never takes the append lock and never
 * writes.
 *
 * <ul>
 *   <li><b>Reading.</b> Frames are read with positional reads into one reusable buffer, many per
 *       read, CRC-checked, and returned as fresh arrays; one poll returns at most
 *       {@code maxPollEntries} entries and about {@code maxPollBytes} of payload.</li>
 *   <li><b>Tailing.</b> A frame cut short at the end of the newest segment is one being written (or the
 *       leftovers of a crash that the next producer truncates): the consumer waits for it, it does not
 *       fail. When the file named after the next index appears, the current segment is finished and the
 *       consumer moves on. {@link #poll} waits with short sleeps (1 ms doubling to 8 ms) until data or
 *       the timeout.</li>
 *   <li><b>Seeking.</b> The segment is found by file name; within it, a sparse in-memory index per
 *       segment (one point per 256 KiB, built as this consumer reads and seeks) bounds the walk over
 *       frame headers.</li>
 *   <li><b>Errors.</b> A frame that fails its CRC or carries the wrong index anywhere but the growing
 *       tail is a non-retriable {@link LogException} naming segment, offset and position. Entries that
 *       retention deleted give {@link PositionExpiredException}; a position past the log's end (a
 *       checkpoint from a log that lost entries or from another log) a non-retriable
 *       {@link LogException}.</li>
 *   <li><b>Threads.</b> Not thread-safe: one thread uses it.</li>
 * </ul>
 */
public final class FileLogConsumer implements LogConsumer {

    private static final long MAX_BACKOFF_NANOS = 8_000_000L;
    private static final int SPARSE_INDEXES_KEPT = 64;

    private final FileLog log;
    private final FileLogOptions options;
    private final FrameScanner reader = new FrameScanner(1 << 20);
    private final FrameScanner walker = new FrameScanner(64 << 10);
    private final Map<Long, SparseIndex> sparseIndexes = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, SparseIndex> eldest) {
            return size() > SPARSE_INDEXES_KEPT;
        }
    };

    private boolean startPending = true;
    /** The index of the entry the next poll returns first (meaningful unless {@code startPending}). */
    private long next;
    private SegmentFile segment;
    private FileChannel channel;

    private SegmentFile endSegment;
    private FileChannel endChannel;
    private long endOffset;
    private long endNext;

    private boolean closed;

    private FileLogConsumer(FileLog log) {
        this.log = log;
        this.options = log.options();
    }

    /** Opens a consumer positioned at the start of {@code log}; the consumer owns {@code log} and closes it. */
    public static FileLogConsumer open(FileLog log) {
        return new FileLogConsumer(log);
    }

    @Override
    public String streamId() {
        return log.streamId();
    }

    /**
     * @throws IllegalArgumentException  for a position of another log kind
     * @throws PositionExpiredException  when retention deleted the entry after {@code position}
     * @throws LogException              (not retriable) when {@code position} lies past the log's end
     */
    @Override
    public void seek(Position position) {
        requireOpen();
        FilePosition after = asFilePosition(position);
        startPending = false;
        moveTo(after.index() + 1);
    }

    @Override
    public void seekToStart() {
        requireOpen();
        closeReader();
        startPending = true;
    }

    @Override
    public List<LogEntry> poll(Duration timeout) {
        requireOpen();
        long deadline = deadline(timeout);
        long backoff = 1_000_000L;
        try {
            while (true) {
                boolean lastTry = System.nanoTime() >= deadline;
                if (readyToRead()) {
                    List<LogEntry> entries = read(false);
                    if (!entries.isEmpty()) {
                        return entries;
                    }
                    SegmentFile successor = successor(lastTry);
                    if (successor != null) {
                        // The successor exists, so the current segment is final: what is left must be whole frames.
                        entries = read(true);
                        if (!entries.isEmpty()) {
                            return entries;
                        }
                        moveTo(successor);
                        continue;
                    }
                }
                if (lastTry) {
                    return List.of();
                }
                LockSupport.parkNanos(Math.min(backoff, deadline - System.nanoTime()));
                backoff = Math.min(backoff * 2, MAX_BACKOFF_NANOS);
                if (Thread.currentThread().isInterrupted()) {
                    return List.of();
                }
            }
        } catch (IOException e) {
            throw ioFailure(e);
        }
    }

    private static long deadline(Duration timeout) {
        long now = System.nanoTime();
        try {
            return now + Math.max(0, timeout.toNanos());
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /** Whether a segment is open for reading, opening the right one when none is. */
    private boolean readyToRead() {
        if (channel != null && channel.isOpen()) {
            return true;
        }
        if (startPending) {
            List<SegmentFile> segments = log.segments();
            if (segments.isEmpty()) {
                return false;
            }
            startPending = false;
            moveTo(segments.get(0).baseIndex());
        } else {
            // A failed seek or move, or an interrupt that closed the channel: try that position again.
            moveTo(next);
        }
        return channel != null;
    }

    /** Reads the whole, good frames now in the current segment, up to the poll limits. */
    private List<LogEntry> read(boolean segmentFinished) throws IOException {
        reader.extendTo(channel.size());
        SparseIndex index = sparseIndex(segment);
        List<LogEntry> entries = null;
        long bytes = 0;
        while (bytes < options.maxPollBytes() && (entries == null || entries.size() < options.maxPollEntries())) {
            long frameOffset = reader.offset();
            FrameScanner.Result result = reader.next(true);
            if (result == FrameScanner.Result.FRAME) {
                index.note(reader.frameIndex(), frameOffset);
                if (entries == null) {
                    entries = new ArrayList<>();
                }
                entries.add(new LogEntry(new FilePosition(reader.frameIndex()), reader.copyPayload(),
                        reader.frameTime()));
                bytes += reader.payloadLength();
                next = reader.nextIndex();
                continue;
            }
            if (result == FrameScanner.Result.END || (!segmentFinished && TornTail.isTorn(reader, result))) {
                break;
            }
            if (entries != null) {
                break; // hand out the good entries before it; the next poll stops on the bad frame and throws
            }
            throw TornTail.corruption(segment, reader, result);
        }
        return entries == null ? List.of() : entries;
    }

    /**
     * The segment after the current one, when it exists: by one stat of the file named after the next
     * index (a roll always creates that name), or with {@code list} also by listing the directory,
     * which finds a successor even when retention already deleted that file.
     */
    private SegmentFile successor(boolean list) {
        long next = reader.nextIndex();
        if (next != segment.baseIndex()) {
            SegmentFile candidate = log.segment(next);
            if (Files.exists(candidate.path())) {
                return candidate;
            }
        }
        if (list) {
            for (SegmentFile file : log.segments()) {
                if (file.baseIndex() > segment.baseIndex()) {
                    return file;
                }
            }
        }
        return null;
    }

    private void moveTo(SegmentFile successor) throws IOException {
        long next = reader.nextIndex();
        if (successor.baseIndex() < next) {
            throw LogException.fatal("file log " + log.directory() + " is inconsistent: segment " + successor.path()
                    + " starts at entry " + successor.baseIndex() + " but " + segment.path() + " holds entries up to "
                    + (next - 1) + "; restore the directory from a backup");
        }
        if (successor.baseIndex() > next) {
            throw expired(next);
        }
        moveTo(next);
    }

    /** Opens the segment holding entry {@code target} and positions the reader on it. */
    /** File log indexes are dense offsets: the entry with index {@code offset}. */
    @Override
    public Optional<Position> positionAt(long offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("file log offsets start at 0, not " + offset);
        }
        return Optional.of(new FilePosition(offset));
    }

    private void moveTo(long target) {
        closeReader();
        next = target;
        try {
            for (int attempt = 0; ; attempt++) {
                List<SegmentFile> segments = log.segments();
                if (segments.isEmpty()) {
                    if (target == 0) {
                        startPending = true;
                        return;
                    }
                    throw beyondEnd(target, Optional.empty());
                }
                if (target < segments.get(0).baseIndex()) {
                    throw expired(target, segments);
                }
                int floor = segments.size() - 1;
                while (segments.get(floor).baseIndex() > target) {
                    floor--;
                }
                SegmentFile file = segments.get(floor);
                FileChannel opened;
                try {
                    opened = FileChannel.open(file.path(), StandardOpenOption.READ);
                } catch (NoSuchFileException e) {
                    if (attempt < 3) {
                        continue; // retention deleted it between listing and opening; list again
                    }
                    throw e;
                }
                long offset = locate(file, opened, target, floor == segments.size() - 1);
                segment = file;
                channel = opened;
                reader.start(opened, offset, target, opened.size());
                return;
            }
        } catch (IOException e) {
            throw ioFailure(e);
        }
    }

    /** The byte offset of entry {@code target} within {@code file}, walking frame headers from the nearest sparse point. */
    private long locate(SegmentFile file, FileChannel opened, long target, boolean newest) throws IOException {
        SparseIndex index = sparseIndex(file);
        int slot = index.floor(target);
        walker.start(opened, index.offsetAt(slot), index.indexAt(slot), opened.size());
        FrameScanner.Result result = FrameScanner.Result.FRAME;
        while (walker.nextIndex() < target) {
            long frameOffset = walker.offset();
            result = walker.next(false);
            if (result != FrameScanner.Result.FRAME) {
                break;
            }
            index.note(walker.frameIndex(), frameOffset);
        }
        if (walker.nextIndex() == target) {
            return walker.offset();
        }
        try {
            if (newest && (result == FrameScanner.Result.END || TornTail.isTorn(walker, result))) {
                throw beyondEnd(target, Optional.of(new FilePosition(walker.nextIndex() - 1)));
            }
            if (result != FrameScanner.Result.END && result != FrameScanner.Result.INCOMPLETE) {
                throw TornTail.corruption(file, walker, result);
            }
            throw LogException.fatal("file log segment " + file.path() + " ends at entry " + (walker.nextIndex() - 1)
                    + " but the next segment starts after entry " + target + "; entries are missing. Restore the"
                    + " directory from a backup");
        } catch (LogException e) {
            opened.close();
            throw e;
        }
    }

    private SparseIndex sparseIndex(SegmentFile file) {
        return sparseIndexes.computeIfAbsent(file.baseIndex(), SparseIndex::new);
    }

    /** Where the newest segment ends, walking (and CRC-checking) only frames not walked before. */
    @Override
    public Optional<Position> endPosition() {
        requireOpen();
        List<SegmentFile> segments = log.segments();
        if (segments.isEmpty()) {
            return Optional.empty();
        }
        SegmentFile last = segments.get(segments.size() - 1);
        try {
            if (endSegment == null || endSegment.baseIndex() != last.baseIndex() || !endChannel.isOpen()) {
                closeEndChannel();
                try {
                    endChannel = FileChannel.open(last.path(), StandardOpenOption.READ);
                } catch (NoSuchFileException e) {
                    return endPosition(); // retention raced us; the newest segment is never deleted, so this ends
                }
                endSegment = last;
                SparseIndex index = sparseIndex(last);
                int slot = index.floor(Long.MAX_VALUE);
                endOffset = index.offsetAt(slot);
                endNext = index.indexAt(slot);
            }
            if (segment != null && segment.baseIndex() == last.baseIndex() && reader.offset() > endOffset) {
                endOffset = reader.offset();
                endNext = reader.nextIndex();
            }
            walker.start(endChannel, endOffset, endNext, endChannel.size());
            while (walker.next(true) == FrameScanner.Result.FRAME) {
                endOffset = walker.offset();
                endNext = walker.nextIndex();
            }
        } catch (IOException e) {
            throw ioFailure(e);
        }
        if (endNext > last.baseIndex() || segments.size() > 1) {
            return endNext == 0 ? Optional.empty() : Optional.of(new FilePosition(endNext - 1));
        }
        return Optional.empty();
    }

    /** The index of the oldest segment's first entry: retention removes whole segments from the front. */
    @Override
    public OptionalLong expiredEntries() {
        requireOpen();
        List<SegmentFile> segments = log.segments();
        return OptionalLong.of(segments.isEmpty() ? 0 : segments.get(0).baseIndex());
    }

    @Override
    public Optional<Position> startPosition() {
        requireOpen();
        List<SegmentFile> segments = log.segments();
        if (segments.isEmpty() || endPosition().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new FilePosition(segments.get(0).baseIndex()));
    }

    @Override
    public Position positionFromBytes(byte[] bytes) {
        return FilePosition.fromBytes(bytes);
    }

    /** {@code to.index - from.index} (0 when {@code to} is not after {@code from}): indexes are dense. */
    @Override
    public OptionalLong entriesBetween(Position from, Position to) {
        return OptionalLong.of(Math.max(0, asFilePosition(to).index() - asFilePosition(from).index()));
    }

    private PositionExpiredException expired(long neededIndex) {
        return expired(neededIndex, log.segments());
    }

    private PositionExpiredException expired(long neededIndex, List<SegmentFile> segments) {
        FilePosition earliest = segments.isEmpty() ? null : new FilePosition(segments.get(0).baseIndex());
        return new PositionExpiredException(new FilePosition(Math.max(0, neededIndex - 1)), earliest);
    }

    private LogException beyondEnd(long target, Optional<FilePosition> last) {
        return LogException.fatal("cannot resume after " + new FilePosition(target - 1) + ": file log "
                + log.directory() + (last.isEmpty() ? " holds no entries" : " ends at " + last.get())
                + ". The position is ahead of this log: it lost entries (a machine crash with fsync=interval or"
                + " never) or the position was taken from another log. Re-seed the replica from a snapshot of"
                + " this log");
    }

    private static FilePosition asFilePosition(Position position) {
        if (position instanceof FilePosition file) {
            return file;
        }
        throw new IllegalArgumentException("position " + position + " is not a file log position");
    }

    private LogException ioFailure(IOException e) {
        if (e instanceof ClosedByInterruptException) {
            Thread.currentThread().interrupt();
            return LogException.retriable("reading file log " + log.directory() + " was interrupted", e);
        }
        return LogException.retriable("cannot read file log " + log.directory()
                + (segment == null ? "" : " (" + segment.path() + ")") + ": " + e + "; check the disk and permissions",
                e);
    }

    private void requireOpen() {
        if (closed) {
            throw LogException.fatal("consumer of file log " + log.directory() + " is closed; open a new one");
        }
    }

    private void closeReader() {
        if (channel != null) {
            closeQuietly(channel);
            channel = null;
        }
    }

    private void closeEndChannel() {
        if (endChannel != null) {
            closeQuietly(endChannel);
            endChannel = null;
            endSegment = null;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Read-only; nothing to lose.
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            closeReader();
            closeEndChannel();
            log.close();
        }
    }

    @Override
    public String toString() {
        return "FileLogConsumer{" + log.directory() + "}";
    }
}
