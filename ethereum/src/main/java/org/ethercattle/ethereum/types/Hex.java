package org.ethercattle.ethereum.types;

import java.math.BigInteger;
import java.util.HexFormat;

/**
 * The two hex forms of Ethereum's JSON-RPC: a <em>quantity</em> ({@code 0x} and the shortest hex digits, {@code
 * 0x0} for zero) and <em>data</em> ({@code 0x} and two digits per byte, {@code 0x} for none). Decoding here is
 * lenient and for trusted input (files, the store); request parameters are validated by the RPC layer with geth's
 * error texts.
 */
public final class Hex {

    private static final HexFormat LOWER = HexFormat.of();

    private Hex() {}

    /** {@code bytes} as data: {@code 0x} followed by two lower-case digits per byte. */
    public static String data(byte[] bytes) {
        return "0x" + LOWER.formatHex(bytes);
    }

    /** {@code value} (unsigned) as a quantity. */
    public static String quantity(long value) {
        return "0x" + Long.toUnsignedString(value, 16);
    }

    /** {@code value} (non-negative) as a quantity. */
    public static String quantity(BigInteger value) {
        return "0x" + value.toString(16);
    }

    /** Big-endian unsigned {@code bytes} (an RLP integer) as a quantity. */
    public static String quantity(byte[] bigEndian) {
        return quantity(new BigInteger(1, bigEndian));
    }

    /** The bytes of {@code hex}, with or without {@code 0x}; an odd digit count gets a leading zero. */
    public static byte[] bytes(String hex) {
        String digits = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
        if (digits.length() % 2 == 1) {
            digits = "0" + digits;
        }
        return LOWER.parseHex(digits);
    }

    /** The value of a quantity or a decimal string ({@code 0x} prefix means hex). */
    public static BigInteger number(String text) {
        if (text.startsWith("0x") || text.startsWith("0X")) {
            String digits = text.substring(2);
            return digits.isEmpty() ? BigInteger.ZERO : new BigInteger(digits, 16);
        }
        return new BigInteger(text);
    }
}
