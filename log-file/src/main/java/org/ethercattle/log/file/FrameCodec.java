package org.ethercattle.log.file;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The layout of one entry in a segment file (all integers big-endian):
 *
 * <pre>
 * offset  size  field
 *      0     4  crc      CRC32C of bytes 4 .. 24+length (every byte of the frame after this field)
 *      4     4  length   payload length in bytes, 0 .. {@value #MAX_PAYLOAD_BYTES}
 *      8     8  index    the entry's global index (dense: the previous frame's index + 1)
 *     16     8  time     append time, Unix milliseconds
 *     24     n  payload  the appended bytes
 * </pre>
 *
 * <p>Frames follow each other without padding; a segment file is nothing but frames. Carrying the index
 * in every frame lets a reader prove it is where it thinks it is (after a seek, across segments).
 * Stateless.
 */
final class FrameCodec {

    /** Bytes before the payload. */
    static final int HEADER_BYTES = 24;
    /** The largest payload any reader accepts; a larger length field means corruption. */
    static final int MAX_PAYLOAD_BYTES = 1 << 30;

    static final int CRC_OFFSET = 0;
    static final int LENGTH_OFFSET = 4;
    static final int INDEX_OFFSET = 8;
    static final int TIME_OFFSET = 16;

    private FrameCodec() {}

    /**
     * Fills {@code header} (position 0, {@link #HEADER_BYTES} long) for {@code payload} and returns it
     * flipped for writing. {@code crc} is reset and used as scratch.
     */
    static ByteBuffer encodeHeader(ByteBuffer header, CRC32C crc, long index, long timeMillis, byte[] payload) {
        header.clear();
        header.putInt(CRC_OFFSET, 0)
                .putInt(LENGTH_OFFSET, payload.length)
                .putLong(INDEX_OFFSET, index)
                .putLong(TIME_OFFSET, timeMillis);
        crc.reset();
        crc.update(header.array(), header.arrayOffset() + LENGTH_OFFSET, HEADER_BYTES - LENGTH_OFFSET);
        crc.update(payload, 0, payload.length);
        header.putInt(CRC_OFFSET, (int) crc.getValue());
        header.limit(HEADER_BYTES);
        return header;
    }

    /** The CRC a frame starting at {@code frameStart} of {@code bytes} with a {@code length}-byte payload must carry. */
    static int computeCrc(CRC32C crc, byte[] bytes, int frameStart, int length) {
        crc.reset();
        crc.update(bytes, frameStart + LENGTH_OFFSET, HEADER_BYTES - LENGTH_OFFSET + length);
        return (int) crc.getValue();
    }

    /** Total bytes of a frame with a {@code length}-byte payload. */
    static long frameBytes(int length) {
        return (long) HEADER_BYTES + length;
    }
}
