package org.ethercattle.core.codec;

import java.util.Arrays;
import org.ethercattle.api.log.Position;
import org.ethercattle.api.record.CorruptRecordException;

/**
 * Reads varints and byte strings from a region of one array, in place; every overrun or malformed
 * varint becomes a {@link CorruptRecordException} naming the entry and the field.
 */
final class ByteReader {

    private final byte[] bytes;
    private final int end;
    private final Position position;
    private final String region;
    private int offset;
    /** The op being read, named in messages; -1 outside ops. Kept as an int so the hot path builds no strings. */
    private int op = -1;

    /**
     * @param region what the bytes are, for messages ("body", "chunk header")
     */
    ByteReader(byte[] bytes, int offset, int end, Position position, String region) {
        this.bytes = bytes;
        this.offset = offset;
        this.end = end;
        this.position = position;
        this.region = region;
    }

    /** Names op {@code index} in the messages of the reads that follow. */
    void atOp(int index) {
        op = index;
    }

    int offset() {
        return offset;
    }

    int remaining() {
        return end - offset;
    }

    byte readByte(String field) {
        if (offset >= end) {
            throw corrupt(name(field) + " lies past the end of the " + region);
        }
        return bytes[offset++];
    }

    /** Reads a shortest-form varint of at most 31 bits. */
    int varint(String field) {
        int value = 0;
        for (int shift = 0; ; shift += 7) {
            if (offset >= end) {
                throw corrupt(name(field) + " runs past the end of the " + region);
            }
            int b = bytes[offset++] & 0xFF;
            if (shift == 28 && (b & 0xF8) != 0) {
                throw corrupt(name(field) + " is a varint larger than 2^31-1");
            }
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (b == 0 && shift > 0) {
                    throw corrupt(name(field)
                            + " is a varint with a redundant trailing zero group (not the shortest form)");
                }
                return value;
            }
        }
    }

    /** Copies the next {@code length} bytes into a fresh array. */
    byte[] bytes(int length, String field) {
        if (length > end - offset) {
            throw corrupt(name(field) + " of " + length + " bytes runs past the end of the " + region + " ("
                    + (end - offset) + " bytes left)");
        }
        byte[] out = Arrays.copyOfRange(bytes, offset, offset + length);
        offset += length;
        return out;
    }

    CorruptRecordException corrupt(String problem) {
        return new CorruptRecordException(position, problem);
    }

    /** A field name for messages, built only when one is thrown. */
    private String name(String field) {
        return op < 0 ? field : field + " of op " + op;
    }
}
