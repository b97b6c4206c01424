package org.ethercattle.ethereum.ethercattle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ethercattle.api.log.Position;
import org.ethercattle.api.record.CorruptRecordException;
import org.web3j.rlp.RlpDecoder;
import org.web3j.rlp.RlpEncoder;
import org.web3j.rlp.RlpList;
import org.web3j.rlp.RlpString;
import org.web3j.rlp.RlpType;

/**
 * The few RLP shapes the format uses (a list of byte strings; an unsigned 64-bit integer), on top of
 * web3j's RLP. web3j's decoder is lenient (it tolerates trailing bytes and non-canonical lengths), so
 * every decode is checked by encoding the result again: only the one canonical encoding go-ethereum's
 * {@code rlp.EncodeToBytes} produces is accepted.
 */
final class Rlp {

    private Rlp() {}

    /** RLP of a list of byte strings. */
    static byte[] list(byte[]... items) {
        List<RlpType> values = new ArrayList<>(items.length);
        for (byte[] item : items) {
            values.add(RlpString.create(item));
        }
        return RlpEncoder.encode(new RlpList(values));
    }

    /** RLP of an unsigned 64-bit integer, as Go encodes a {@code uint64}: big-endian, no leading zeros. */
    static byte[] uint64(long value) {
        return RlpEncoder.encode(RlpString.create(unsignedBytes(value)));
    }

    /**
     * Decodes {@code bytes[from..]} as one RLP list of exactly {@code count} byte strings.
     *
     * @param what names the payload in error messages
     */
    static byte[][] strings(byte[] bytes, int from, int count, Position at, String what) {
        byte[] rlp = Arrays.copyOfRange(bytes, from, bytes.length);
        List<RlpType> top = decodeCanonical(rlp, at, what);
        if (top.size() != 1 || !(top.get(0) instanceof RlpList list)) {
            throw new CorruptRecordException(at, what + " is not one RLP list");
        }
        List<RlpType> items = list.getValues();
        if (items.size() != count) {
            throw new CorruptRecordException(at, what + " is an RLP list of " + items.size() + " items, expected "
                    + count);
        }
        byte[][] out = new byte[count][];
        for (int i = 0; i < count; i++) {
            if (!(items.get(i) instanceof RlpString string)) {
                throw new CorruptRecordException(at, what + ": item " + i + " is a list, expected a byte string");
            }
            out[i] = string.getBytes();
        }
        return out;
    }

    /** Decodes {@code bytes[from..]} as one RLP unsigned integer of at most 64 bits. */
    static long uint64(byte[] bytes, int from, Position at, String what) {
        byte[] rlp = Arrays.copyOfRange(bytes, from, bytes.length);
        List<RlpType> top = decodeCanonical(rlp, at, what);
        if (top.size() != 1 || !(top.get(0) instanceof RlpString string)) {
            throw new CorruptRecordException(at, what + " is not one RLP integer");
        }
        return unsignedValue(string.getBytes(), at, what);
    }

    /** Reads a canonical RLP unsigned integer from a decoded byte string. */
    static long unsignedValue(byte[] value, Position at, String what) {
        if (value.length > Long.BYTES || (value.length > 0 && value[0] == 0)) {
            throw new CorruptRecordException(at, what + " is not a canonical RLP uint64 (" + value.length
                    + " bytes" + (value.length > 0 && value[0] == 0 ? ", leading zero" : "") + ")");
        }
        long result = 0;
        for (byte b : value) {
            result = (result << 8) | (b & 0xFF);
        }
        return result;
    }

    /** Big-endian bytes of an unsigned 64-bit value without leading zeros (empty for 0). */
    static byte[] unsignedBytes(long value) {
        int length = (Long.SIZE - Long.numberOfLeadingZeros(value) + 7) / 8;
        byte[] out = new byte[length];
        for (int i = length - 1; i >= 0; i--) {
            out[i] = (byte) value;
            value >>>= 8;
        }
        return out;
    }

    private static List<RlpType> decodeCanonical(byte[] rlp, Position at, String what) {
        List<RlpType> top;
        try {
            top = RlpDecoder.decode(rlp).getValues();
        } catch (RuntimeException e) {
            throw new CorruptRecordException(at, what + " is not valid RLP: " + e.getMessage());
        }
        byte[] again = new byte[0];
        for (RlpType item : top) {
            byte[] encoded = RlpEncoder.encode(item);
            again = again.length == 0 ? encoded : concat(again, encoded);
        }
        if (!Arrays.equals(again, rlp)) {
            throw new CorruptRecordException(at, what + " is not canonical RLP (" + rlp.length
                    + " bytes; truncated, trailing bytes or a non-minimal length)");
        }
        return top;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
