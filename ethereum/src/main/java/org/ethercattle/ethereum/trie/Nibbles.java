package org.ethercattle.ethereum.trie;

import java.util.Arrays;

/**
 * Trie paths as nibbles (one 4-bit digit per byte, high nibble first) and the hex-prefix ("compact")
 * encoding the Ethereum yellow paper gives them inside leaf and extension nodes. Arrays returned are
 * fresh; arrays passed in are not retained.
 */
public final class Nibbles {

    private Nibbles() {
    }

    /** Splits {@code key} into {@code 2 * key.length} nibbles, high nibble first. */
    public static byte[] of(byte[] key) {
        byte[] nibbles = new byte[key.length * 2];
        for (int i = 0; i < key.length; i++) {
            nibbles[2 * i] = (byte) ((key[i] >> 4) & 0x0f);
            nibbles[2 * i + 1] = (byte) (key[i] & 0x0f);
        }
        return nibbles;
    }

    /**
     * Hex-prefix encodes {@code nibbles[from, to)}: the first nibble of the result holds the flags
     * (2 for a leaf, plus 1 when the length is odd), padded with a zero nibble when the length is even.
     */
    public static byte[] compact(byte[] nibbles, int from, int to, boolean leaf) {
        int length = to - from;
        boolean odd = (length & 1) == 1;
        byte[] out = new byte[length / 2 + 1];
        int flags = (leaf ? 2 : 0) + (odd ? 1 : 0);
        int at = from;
        if (odd) {
            out[0] = (byte) ((flags << 4) | nibbles[at++]);
        } else {
            out[0] = (byte) (flags << 4);
        }
        for (int i = 1; i < out.length; i++, at += 2) {
            out[i] = (byte) ((nibbles[at] << 4) | nibbles[at + 1]);
        }
        return out;
    }

    /** Whether a hex-prefix encoded path carries the leaf flag. */
    public static boolean isLeaf(byte[] compact) {
        if (compact.length == 0) {
            throw new IllegalArgumentException("an empty hex-prefix path has no flag nibble; the node is malformed");
        }
        return (compact[0] & 0x20) != 0;
    }

    /** Decodes a hex-prefix encoded path back to its nibbles, without the flags. */
    public static byte[] fromCompact(byte[] compact) {
        if (compact.length == 0) {
            throw new IllegalArgumentException("an empty hex-prefix path has no flag nibble; the node is malformed");
        }
        byte[] all = of(compact);
        boolean odd = (compact[0] & 0x10) != 0;
        return Arrays.copyOfRange(all, odd ? 1 : 2, all.length);
    }
}
