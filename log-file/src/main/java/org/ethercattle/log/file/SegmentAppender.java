package org.ethercattle.log.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
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
    /** Frames gathered into one write; an iovec array of twice this stays under Linux's IOV_MAX (1024). */
    static final int FRAMES_PER_WRITE = 256;

    private final ByteBuffer[] headers = new ByteBuffer[FRAMES_PER_WRITE];
    private final ByteBuffer[] frame = new ByteBuffer[2 * FRAMES_PER_WRITE];
    private int writtenOfLastBatch;
    private long firstOfLastBatch;

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

    /**
     * Appends {@code payloads} in order at the true tail, as consecutive entries, gathering up to
     * {@value #FRAMES_PER_WRITE} frames into one write and rolling segments as they fill.
     *
     * @return the index of the first entry; the others follow it densely
     * @throws LogException on an I/O failure; {@link #writtenOfLastBatch()} then tells how many of the
     *                      payloads (a prefix) were written before it
     */
    long append(List<byte[]> payloads, long timeMillis) {
        writtenOfLastBatch = 0;
        try {
            findTail();
            long first = next;
            firstOfLastBatch = first;
            int i = 0;
            while (i < payloads.size()) {
                if (end > 0 && end + FrameCodec.frameBytes(payloads.get(i).length) > options.segmentBytes()) {
                    roll();
                }
                long batchEnd = end;
                int frames = 0;
                while (i < payloads.size() && frames < FRAMES_PER_WRITE) {
                    byte[] payload = payloads.get(i);
                    long frameBytes = FrameCodec.frameBytes(payload.length);
                    if (frames > 0 && batchEnd + frameBytes > options.segmentBytes()) {
                        break;
                    }
                    frame[2 * frames] = FrameCodec.encodeHeader(header(frames), crc, next + frames, timeMillis, payload);
                    frame[2 * frames + 1] = ByteBuffer.wrap(payload);
                    batchEnd += frameBytes;
                    frames++;
                    i++;
                }
                writeFully(2 * frames);
                end = batchEnd;
                next += frames;
                writtenOfLastBatch += frames;
            }
            return first;
        } catch (IOException e) {
            throw ioFailure("append to", e);
        } finally {
            Arrays.fill(frame, null);
        }
    }

    /** How many payloads of the last {@link #append} call were written (all of them unless it threw). */
    int writtenOfLastBatch() {
        return writtenOfLastBatch;
    }

    /** The index the first payload of the last {@link #append} call got (meaningful when any was written). */
    long firstOfLastBatch() {
        return firstOfLastBatch;
    }

    private ByteBuffer header(int slot) {
        if (headers[slot] == null) {
            headers[slot] = ByteBuffer.allocate(FrameCodec.HEADER_BYTES);
        }
        return headers[slot];
    }

    private void writeFully(int buffers) throws IOException {
        FileChannel channel = segment.channel();
        channel.position(end);
        int first = 0;
        while (first < buffers) {
            channel.write(frame, first, buffers - first);
            while (first < buffers && !frame[first].hasRemaining()) {
                first++;
            }
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
        return LogException.retriable("cannot " + what + " file log " + log.directory() + " (" + where + "): " + e
                + "; check free disk space and permissions", e);
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
