package org.ethercattle.core.codec;

/**
 * Unsigned LEB128 of a non-negative {@code int}: seven bits per byte, least significant group first, high
 * bit set on every byte but the last. At most 5 bytes. Encoders write the shortest form; decoders reject
 * any other (see {@link ByteReader#varint}), so one record has exactly one encoding.
 */
final class Varint {

    private Varint() {}

    /** Bytes needed to write {@code value}. */
    static int size(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("varint of negative value " + value);
        }
        if (value < 1 << 7) {
            return 1;
        }
        if (value < 1 << 14) {
            return 2;
        }
        if (value < 1 << 21) {
            return 3;
        }
        return value < 1 << 28 ? 4 : 5;
    }

    /** Writes {@code value} at {@code offset}; returns the offset after it. */
    static int write(byte[] out, int offset, int value) {
        int v = value;
        while ((v & ~0x7F) != 0) {
            out[offset++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out[offset++] = (byte) v;
        return offset;
    }
}
