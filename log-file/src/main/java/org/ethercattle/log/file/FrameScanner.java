package org.ethercattle.log.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Walks the frames of one segment file forward from a known frame boundary, through a reusable read
 * buffer filled with positional reads (so many frames cost one read, and a file another process is
 * appending to can be read while it grows).
 *
 * <p>The walk only trusts bytes below the file size given to {@link #start} or {@link #extendTo}: a
 * frame reaching past it is {@link Result#INCOMPLETE}, which for a file still being written means
 * "not yet". A result other than {@link Result#FRAME} leaves the walk on the offending frame and drops
 * the buffer, so the next call reads the bytes afresh (a torn tail may have been rewritten since).
 * Not thread-safe.
 */
final class FrameScanner {

    /** What {@link #next} found at the current offset. */
    enum Result {
        /** A whole frame with the expected index (and a good CRC when verified); the walk moved past it. */
        FRAME,
        /** The current offset is the file size: no more bytes. */
        END,
        /** The bytes up to the file size end inside a frame's header or payload. */
        INCOMPLETE,
        /** The length field is impossible (negative or above {@link FrameCodec#MAX_PAYLOAD_BYTES}). */
        BAD_LENGTH,
        /** A whole frame whose CRC does not match its bytes. */
        BAD_CRC,
        /** A whole frame carrying another index than the one that must come next. */
        BAD_INDEX
    }

    private final CRC32C crc = new CRC32C();
    private byte[] buffer;
    private ByteBuffer view;
    private long bufferStart;
    private int bufferLength;

    private FileChannel channel;
    private long size;
    private long offset;
    private long nextIndex;

    private long frameIndex;
    private long frameTime;
    private int payloadLength;
    private int payloadAt;

    FrameScanner(int bufferBytes) {
        buffer = new byte[Math.max(bufferBytes, FrameCodec.HEADER_BYTES)];
        view = ByteBuffer.wrap(buffer);
    }

    /** Starts a walk at {@code offset}, a frame boundary where the entry {@code expectedIndex} begins. */
    void start(FileChannel channel, long offset, long expectedIndex, long size) {
        this.channel = channel;
        this.offset = offset;
        this.nextIndex = expectedIndex;
        this.size = size;
        invalidate();
    }

    /** Lets the walk see bytes up to {@code newSize} (the file grew). */
    void extendTo(long newSize) {
        if (newSize < size) {
            invalidate();
        }
        size = newSize;
    }

    long offset() {
        return offset;
    }

    long nextIndex() {
        return nextIndex;
    }

    long size() {
        return size;
    }

    /** The index of the frame the last {@link Result#FRAME} returned. */
    long frameIndex() {
        return frameIndex;
    }

    /** The append time of the frame the last {@link Result#FRAME} returned. */
    long frameTime() {
        return frameTime;
    }

    /** The payload length of the frame last looked at. */
    int payloadLength() {
        return payloadLength;
    }

    /** Where the frame the walk stopped on would end, judging by its length field. */
    long stoppedFrameEnd() {
        return offset + FrameCodec.frameBytes(payloadLength);
    }

    /** A fresh copy of the payload of the frame last returned by {@code next(true)}. */
    byte[] copyPayload() {
        return Arrays.copyOfRange(buffer, payloadAt, payloadAt + payloadLength);
    }

    /**
     * Looks at the frame at the current offset and moves past it when it is whole and carries the next
     * index. With {@code verify} the payload is read and its CRC checked (needed to return it);
     * without, the payload is skipped unread.
     */
    Result next(boolean verify) throws IOException {
        if (!ensure(offset, FrameCodec.HEADER_BYTES)) {
            invalidate();
            return offset == size ? Result.END : Result.INCOMPLETE;
        }
        Result header = parseHeader();
        if (header != null) {
            return header;
        }
        long frameBytes = FrameCodec.frameBytes(payloadLength);
        if (verify) {
            if (!covered(offset, frameBytes)) {
                // Read the frame in one piece, header included, so header and payload come from one read.
                if (!ensure(offset, frameBytes)) {
                    invalidate();
                    return Result.INCOMPLETE;
                }
                header = parseHeader();
                if (header != null) {
                    return header;
                }
                frameBytes = FrameCodec.frameBytes(payloadLength);
                if (!covered(offset, frameBytes)) {
                    invalidate();
                    return Result.INCOMPLETE;
                }
            }
            int at = (int) (offset - bufferStart);
            int stored = view.getInt(at + FrameCodec.CRC_OFFSET);
            if (stored != FrameCodec.computeCrc(crc, buffer, at, payloadLength)) {
                invalidate();
                return Result.BAD_CRC;
            }
            payloadAt = at + FrameCodec.HEADER_BYTES;
        }
        if (frameIndex != nextIndex) {
            invalidate();
            return Result.BAD_INDEX;
        }
        offset += frameBytes;
        nextIndex++;
        return Result.FRAME;
    }

    /** Parses the header at the offset (which must be buffered); null when it is sane and whole. */
    private Result parseHeader() {
        int at = (int) (offset - bufferStart);
        payloadLength = view.getInt(at + FrameCodec.LENGTH_OFFSET);
        frameIndex = view.getLong(at + FrameCodec.INDEX_OFFSET);
        frameTime = view.getLong(at + FrameCodec.TIME_OFFSET);
        if (payloadLength < 0 || payloadLength > FrameCodec.MAX_PAYLOAD_BYTES) {
            payloadLength = 0;
            invalidate();
            return Result.BAD_LENGTH;
        }
        if (offset + FrameCodec.frameBytes(payloadLength) > size) {
            invalidate();
            return Result.INCOMPLETE;
        }
        return null;
    }

    /** Whether every byte from {@code from} to the file size is zero (space a crash allocated but never filled). */
    boolean zeroesFrom(long from) throws IOException {
        long at = from;
        while (at < size) {
            int n = (int) Math.min(buffer.length, size - at);
            int got = readAt(at, n);
            if (got <= 0) {
                break;
            }
            for (int i = 0; i < got; i++) {
                if (buffer[i] != 0) {
                    invalidate();
                    return false;
                }
            }
            at += got;
        }
        invalidate();
        return true;
    }

    private boolean covered(long from, long length) {
        return from >= bufferStart && from + length <= bufferStart + bufferLength;
    }

    /** Makes bytes [from, from+length) buffered; false when the file (as far as size says) is shorter. */
    private boolean ensure(long from, long length) throws IOException {
        if (covered(from, length)) {
            return true;
        }
        if (from + length > size) {
            return false;
        }
        if (length > buffer.length) {
            buffer = new byte[(int) Math.min(FrameCodec.frameBytes(FrameCodec.MAX_PAYLOAD_BYTES),
                    Math.max(length, (long) buffer.length * 2))];
            view = ByteBuffer.wrap(buffer);
        }
        int want = (int) Math.min(buffer.length, size - from);
        bufferStart = from;
        bufferLength = readAt(from, want);
        return bufferLength >= length;
    }

    private int readAt(long from, int length) throws IOException {
        ByteBuffer target = ByteBuffer.wrap(buffer, 0, length);
        while (target.hasRemaining()) {
            int n = channel.read(target, from + target.position());
            if (n < 0) {
                break;
            }
        }
        return target.position();
    }

    private void invalidate() {
        bufferLength = 0;
        bufferStart = 0;
    }
}
