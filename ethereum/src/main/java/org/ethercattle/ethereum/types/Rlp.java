package org.ethercattle.ethereum.types;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.web3j.rlp.RlpDecoder;
import org.web3j.rlp.RlpEncoder;
import org.web3j.rlp.RlpList;
import org.web3j.rlp.RlpString;
import org.web3j.rlp.RlpType;

/**
 * Typed reads and writes over web3j's RLP codec: geth's structures are lists of byte strings and integers, and
 * these helpers say which one a position holds, so that a malformed record fails with a message naming what was
 * expected instead of a {@link ClassCastException}.
 */
public final class Rlp {

    private Rlp() {}

    /** The single top-level item of {@code encoded}, which must be a list. */
    public static List<RlpType> list(byte[] encoded, String what) {
        RlpList outer = RlpDecoder.decode(encoded);
        if (outer.getValues().size() != 1) {
            throw new IllegalArgumentException(what + ": expected one RLP item, found " + outer.getValues().size());
        }
        return list(outer.getValues().get(0), what);
    }

    /** {@code item} as a list. */
    public static List<RlpType> list(RlpType item, String what) {
        if (item instanceof RlpList l) {
            return l.getValues();
        }
        throw new IllegalArgumentException(what + ": expected an RLP list, found a string");
    }

    /** {@code item} as a byte string. */
    public static byte[] bytes(RlpType item, String what) {
        if (item instanceof RlpString s) {
            return s.getBytes();
        }
        throw new IllegalArgumentException(what + ": expected an RLP string, found a list");
    }

    /** {@code item} as a 32-byte hash (or any exact length). */
    public static byte[] fixed(RlpType item, int length, String what) {
        byte[] b = bytes(item, what);
        if (b.length != length) {
            throw new IllegalArgumentException(what + ": expected " + length + " bytes, found " + b.length);
        }
        return b;
    }

    /** {@code item} as an unsigned integer. */
    public static BigInteger big(RlpType item, String what) {
        return new BigInteger(1, bytes(item, what));
    }

    /** {@code item} as an unsigned integer that fits 64 bits. */
    public static long u64(RlpType item, String what) {
        byte[] b = bytes(item, what);
        if (b.length > 8) {
            throw new IllegalArgumentException(what + ": integer of " + b.length + " bytes does not fit 64 bits");
        }
        long v = 0;
        for (byte x : b) {
            v = (v << 8) | (x & 0xff);
        }
        return v;
    }

    /** {@code item} as an address: 20 bytes, or empty (contract creation) giving {@code null}. */
    public static byte[] addressOrNull(RlpType item, String what) {
        byte[] b = bytes(item, what);
        if (b.length == 0) {
            return null;
        }
        if (b.length != 20) {
            throw new IllegalArgumentException(what + ": expected a 20-byte address, found " + b.length + " bytes");
        }
        return b;
    }

    /** A byte string item. */
    public static RlpString string(byte[] value) {
        return RlpString.create(value);
    }

    /** An unsigned integer item (minimal big-endian, empty for zero). */
    public static RlpString uint(long value) {
        return RlpString.create(BigInteger.valueOf(value).and(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE)));
    }

    /** An unsigned integer item. */
    public static RlpString uint(BigInteger value) {
        return RlpString.create(value);
    }

    /** The encoding of {@code item}. */
    public static byte[] encode(RlpType item) {
        return RlpEncoder.encode(item);
    }

    /** The encoding of a list of {@code items}. */
    public static byte[] encodeList(List<? extends RlpType> items) {
        return RlpEncoder.encode(new RlpList(new ArrayList<>(items)));
    }

    /** The minimal big-endian bytes of {@code value} (empty for zero). */
    public static byte[] minimal(byte[] bigEndian) {
        int i = 0;
        while (i < bigEndian.length && bigEndian[i] == 0) {
            i++;
        }
        return Arrays.copyOfRange(bigEndian, i, bigEndian.length);
    }
}
