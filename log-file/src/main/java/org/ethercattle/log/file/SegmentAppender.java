package org.ethercattle.log.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.zip.CRC32C;
import org.ethercattle.api.log.LogException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes frames at the tail of a log directory. Every method must be called while holding the log's
 * append lock, which is what makes appends of several producers (threads or processes) land whole
 * and with dense indexes.
 *
 * <p>The appender remembers where it left the tail (segment, byte offset, next index), but other
 * producers may have appended, rolled or crashed since, so before each append {@link #append}
 * re-establishes the true tail from the files: a segment longer than remembered is walked forward
 * (CRC-checking what others wrote), a segment named after the next index means someone rolled, and a
 * frame cut short by a crash at the very end is truncated with a warning. Corruption anywhere else is
 * never repaired: it fails with a {@link LogException} naming the segment and offset. Not thread-safe.
 */
final class SegmentAppender implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentAppender.class);

    private final FileLog log;
    private final FileLogOptions options;
    private final FrameScanner scanner = new FrameScanner(1 << 20);
    private final CRC32C crc = new CRC32C();
    private final ByteBuffer header = ByteBuffer.allocate(FrameCodec.HEADER_BYTES);
    private final ByteBuffer[] frame = new ByteBuffer[2];

    private OpenSegment segment;
    private long end;
    private long next;

    SegmentAppender(FileLog log) {
        this.log = log;
        this.options = log.options();
    }

    /** The segment now appended to (for fsync), or null before {@link #recover()}. */
    OpenSegment segment() {
        return segment;
    }

    /**
     * Finds the tail from scratch: the newest segment, walked and CRC-checked from its start; a torn
     * last frame is truncated. Creates segment 0 in an empty log.
     */
    void recover() {
        try {
            List<SegmentFile> segments = log.segments();
            if (segments.isEmpty()) {
                openNew(0);
                return;
            }
            SegmentFile last = segments.get(segments.size() - 1);
            open(last);
            walkToTail(0, last.baseIndex());
        } catch (IOException e) {
            throw ioFailure("recover the tail of", e);
        }
    }

    /** Appends one frame at the true tail and returns its index. */
    long append(byte[] payload, long timeMillis) {
        try {
            findTail();
            long frameBytes = FrameCodec.frameBytes(payload.length);
            if (end > 0 && end + frameBytes > options.segmentBytes()) {
                roll();
            }
            FrameCodec.encodeHeader(header, crc, next, timeMillis, payload);
            frame[0] = header;
            frame[1] = ByteBuffer.wrap(payload);
            FileChannel channel = segment.channel();
            channel.position(end);
            long written = 0;
            while (written < frameBytes) {
                written += channel.write(frame);
            }
            end += frameBytes;
            return next++;
        } catch (IOException e) {
            throw ioFailure("append to", e);
        } finally {
            frame[1] = null;
        }
    }

    /** Makes (segment, end, next) the log's real tail, whatever other producers did since our last append. */
    private void findTail() throws IOException {
        if (segment == null || !segment.isOpen() || !Files.exists(segment.file().path())) {
            recover();
            return;
        }
        while (true) {
            long size = segment.channel().size();
            if (size < end) {
                // Someone truncated bytes we counted as written; only a fresh scan can say where the tail is.
                recover();
                return;
            }
            if (size > end) {
                walkToTail(end, next);
            }
            // A roll always creates the segment named after the next index, so this one stat finds it.
            SegmentFile successor = log.segment(next);
            if (next == segment.file().baseIndex() || !Files.exists(successor.path())) {
                return;
            }
            open(successor);
            end = 0;
            next = successor.baseIndex();
        }
    }

    /** Walks the current segment from a frame boundary to its end, truncating a torn tail. */
    private void walkToTail(long offset, long index) throws IOException {
        FileChannel channel = segment.channel();
        scanner.start(channel, offset, index, channel.size());
        while (true) {
            FrameScanner.Result result = scanner.next(true);
            if (result == FrameScanner.Result.FRAME) {
                continue;
            }
            if (result == FrameScanner.Result.END) {
                break;
            }
            if (!TornTail.isTorn(scanner, result)) {
                throw TornTail.corruption(segment.file(), scanner, result);
            }
            long at = scanner.offset();
            LOG.warn("Truncating torn tail of {} at offset {} ({} B of an incomplete append, {}, left by a"
                            + " crash); the log continues at {}", segment.file().path(), at, scanner.size() - at,
                    result, new FilePosition(scanner.nextIndex()));
            channel.truncate(at);
            if (options.fsync() != FsyncPolicy.NEVER) {
                channel.force(false);
            }
            break;
        }
        end = scanner.offset();
        next = scanner.nextIndex();
    }

    private void roll() throws IOException {
        segment.seal(options.fsync() != FsyncPolicy.NEVER);
        openNew(next);
        log.enforceRetentionLocked();
    }

    private void openNew(long baseIndex) throws IOException {
        SegmentFile file = log.segment(baseIndex);
        FileChannel channel = FileChannel.open(file.path(), StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        replace(new OpenSegment(file, channel));
        if (options.fsync() == FsyncPolicy.ALWAYS) {
            forceDirectory(); // the new file's name must survive a power loss like its first entry
        }
        end = channel.size();
        next = baseIndex;
        if (end > 0) {
            walkToTail(0, baseIndex);
        }
    }

    private void open(SegmentFile file) throws IOException {
        FileChannel channel = FileChannel.open(file.path(), StandardOpenOption.READ, StandardOpenOption.WRITE);
        replace(new OpenSegment(file, channel));
    }

    private void replace(OpenSegment opened) throws IOException {
        OpenSegment previous = segment;
        segment = opened;
        if (previous != null) {
            previous.seal(options.fsync() != FsyncPolicy.NEVER);
        }
    }

    private void forceDirectory() throws IOException {
        try (FileChannel dir = FileChannel.open(log.directory(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // Some file systems cannot fsync a directory; the segment's own fsyncs still hold its bytes.
            LOG.debug("Cannot fsync directory {}: {}", log.directory(), e.toString());
        }
    }

    /** Forces the current segment (earlier ones were forced when sealed). */
    void force() throws IOException {
        if (segment != null) {
            segment.force();
        }
    }

    private LogException ioFailure(String what, IOException e) {
        if (e instanceof java.nio.channels.ClosedByInterruptException) {
            Thread.currentThread().interrupt();
        }
        String where = segment == null ? log.directory().toString() : segment.file().path().toString();
        return new LogException("cannot " + what + " file log " + log.directory() + " (" + where + "): " + e
                + "; check free disk space and permissions", true, e);
    }

    /** Seals the current segment, forcing it unless fsync is never. Idempotent. */
    @Override
    public void close() {
        if (segment != null) {
            try {
                segment.seal(options.fsync() != FsyncPolicy.NEVER);
            } catch (IOException e) {
                throw ioFailure("close", e);
            }
        }
    }
}
