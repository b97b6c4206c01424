package org.ethercattle.ethereum.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.Map;

/**
 * Decodes JSON values as Go's {@code encoding/json} and geth's {@code hexutil} decode them, failing with
 * their exact error texts. Each method mirrors one Go {@code UnmarshalJSON}; the texts come from geth's
 * {@code common/hexutil/hexutil.go} and {@code json.go}, {@code rpc/types.go} and Go's {@code UnmarshalTypeError}.
 *
 * <p>One known difference: hexutil reads a string's bytes without unescaping them, this reads the
 * unescaped text, so a hex string spelled with {@code \\u} escapes is accepted here and refused by geth.
 */
final class GoDecoder {

    /** A value that does not decode; the message is geth's text, without the "invalid argument N: " prefix. */
    static final class Failure extends Exception {
        Failure(String message) {
            super(message, null, false, false);
        }
    }

    // hexutil's decError texts.
    static final String EMPTY_STRING = "empty hex string";
    static final String SYNTAX = "invalid hex string";
    static final String MISSING_PREFIX = "hex string without 0x prefix";
    static final String ODD_LENGTH = "hex string of odd length";
    static final String EMPTY_NUMBER = "hex string \"0x\"";
    static final String LEADING_ZERO = "hex number with leading zero digits";
    static final String UINT64_RANGE = "hex number > 64 bits";
    static final String BIG256_RANGE = "hex number > 256 bits";

    private GoDecoder() {
    }

    /** Go's {@code UnmarshalTypeError} text for a value at the top level (no struct field). */
    static Failure typeError(String value, String goType) {
        return new Failure("json: cannot unmarshal " + value + " into Go value of type " + goType);
    }

    /** The word Go's decoder uses for a JSON value's kind in a type error. */
    static String kind(JsonNode node) {
        if (node.isTextual()) {
            return "string";
        }
        if (node.isNumber()) {
            return "number";
        }
        if (node.isBoolean()) {
            return "bool";
        }
        if (node.isObject()) {
            return "object";
        }
        if (node.isArray()) {
            return "array";
        }
        return "null";
    }

    /** {@code common.Hash} / {@code common.Address}: {@code hexutil.UnmarshalFixedJSON}. */
    static byte[] fixed(JsonNode node, int size, String goType) throws Failure {
        if (!node.isTextual()) {
            throw typeError("non-string", goType);
        }
        try {
            return fixedText(node.textValue(), size, goType);
        } catch (DecError e) {
            throw typeError(e.getMessage(), goType);
        }
    }

    /**
     * {@code hexutil.UnmarshalFixedText}: the length error is a plain error, the others are decErrors
     * (which {@link #fixed} wraps into type errors and {@code common.Hash.UnmarshalText} does not).
     */
    static byte[] fixedText(String text, int size, String goType) throws DecError, Failure {
        String raw = checkText(text);
        if (raw.length() / 2 != size) {
            throw new Failure("hex string has length " + raw.length() + ", want " + size * 2 + " for " + goType);
        }
        return decodeHex(raw);
    }

    /** {@code hexutil.Bytes}. */
    static byte[] bytes(JsonNode node, String goType) throws Failure {
        if (!node.isTextual()) {
            throw typeError("non-string", goType);
        }
        try {
            return decodeHex(checkText(node.textValue()));
        } catch (DecError e) {
            throw typeError(e.getMessage(), goType);
        }
    }

    /** {@code hexutil.Big} (at most 256 bits) or {@code hexutil.Uint64} / {@code Uint} (at most 64 bits). */
    static BigInteger quantity(JsonNode node, int maxNibbles, String goType) throws Failure {
        if (!node.isTextual()) {
            throw typeError("non-string", goType);
        }
        try {
            String raw = checkNumberText(node.textValue());
            if (raw.length() > maxNibbles) {
                throw new DecError(maxNibbles == 16 ? UINT64_RANGE : BIG256_RANGE);
            }
            for (int i = 0; i < raw.length(); i++) {
                if (nibble(raw.charAt(i)) < 0) {
                    throw new DecError(SYNTAX);
                }
            }
            return raw.isEmpty() ? BigInteger.ZERO : new BigInteger(raw, 16);
        } catch (DecError e) {
            throw typeError(e.getMessage(), goType);
        }
    }

    /** Go {@code bool}: null leaves it false. */
    static boolean bool(JsonNode node) throws Failure {
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNull()) {
            return false;
        }
        throw typeError(kind(node), "bool");
    }

    /** Go {@code string} (and named string types such as {@code rpc.ID}): null leaves it empty. */
    static String string(JsonNode node, String goType) throws Failure {
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isNull()) {
            return "";
        }
        throw typeError(kind(node), goType);
    }

    /**
     * {@code rpc.BlockNumber.UnmarshalJSON}: strips the quotes of a string, then a tag or
     * {@code hexutil.DecodeUint64}; its errors are plain, not type errors. A non-string JSON value never
     * starts with "0x", so it fails as "hex string without 0x prefix", as in geth.
     */
    static BlockNumber blockNumber(JsonNode node) throws Failure {
        if (!node.isTextual()) {
            throw new Failure(MISSING_PREFIX);
        }
        String text = node.textValue().strip();
        BlockNumber.Tag tag = BlockNumber.tagNamed(text);
        if (tag != null) {
            return BlockNumber.of(tag);
        }
        long number = decodeUint64(text);
        if (number < 0) {
            throw new Failure("block number larger than int64");
        }
        return BlockNumber.of(number);
    }

    /** {@code rpc.BlockNumberOrHash.UnmarshalJSON}. */
    static BlockNumberOrHash blockNumberOrHash(JsonNode node) throws Failure {
        if (node.isNull()) {
            return new BlockNumberOrHash(null, null, false);
        }
        if (node.isObject()) {
            return blockNumberOrHashObject(node);
        }
        if (!node.isTextual()) {
            // geth falls back to decoding a string, which fails with this text.
            throw typeError(kind(node), "string");
        }
        String text = node.textValue();
        BlockNumber.Tag tag = BlockNumber.tagNamed(text);
        if (tag != null) {
            return new BlockNumberOrHash(BlockNumber.of(tag), null, false);
        }
        if (text.length() == 66) {
            try {
                return new BlockNumberOrHash(null, fixedText(text, 32, "common.Hash"), false);
            } catch (DecError e) {
                throw new Failure(e.getMessage());
            }
        }
        long number = decodeUint64(text);
        if (number < 0) {
            throw new Failure("blocknumber too high");
        }
        return new BlockNumberOrHash(BlockNumber.of(number), null, false);
    }

    /**
     * The object form. Go matches keys case-insensitively and ignores unknown ones; any field that fails
     * to decode makes geth fall back to decoding a string, so every such failure reads the same.
     */
    private static BlockNumberOrHash blockNumberOrHashObject(JsonNode node) throws Failure {
        BlockNumber number = null;
        byte[] hash = null;
        boolean canonical = false;
        try {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode value = field.getValue();
                if (field.getKey().equalsIgnoreCase("blockNumber")) {
                    number = value.isNull() ? null : blockNumber(value);
                } else if (field.getKey().equalsIgnoreCase("blockHash")) {
                    hash = value.isNull() ? null : fixed(value, 32, "common.Hash");
                } else if (field.getKey().equalsIgnoreCase("requireCanonical")) {
                    canonical = bool(value);
                }
            }
        } catch (Failure e) {
            throw typeError("object", "string");
        }
        if (number != null && hash != null) {
            throw new Failure("cannot specify both BlockHash and BlockNumber, choose one or the other");
        }
        return new BlockNumberOrHash(number, hash, canonical);
    }

    /**
     * {@code hexutil.DecodeUint64}: {@code checkNumber}, then {@code strconv.ParseUint(raw, 16, 64)}, whose
     * syntax and range errors are reported in the order the digits show them.
     *
     * @return the value as an unsigned long (negative when above {@code Long.MAX_VALUE})
     */
    static long decodeUint64(String text) throws Failure {
        if (text.isEmpty()) {
            throw new Failure(EMPTY_STRING);
        }
        if (!has0xPrefix(text)) {
            throw new Failure(MISSING_PREFIX);
        }
        String raw = text.substring(2);
        if (raw.isEmpty()) {
            throw new Failure(EMPTY_NUMBER);
        }
        if (raw.length() > 1 && raw.charAt(0) == '0') {
            throw new Failure(LEADING_ZERO);
        }
        long value = 0;
        for (int i = 0; i < raw.length(); i++) {
            int digit = nibble(raw.charAt(i));
            if (digit < 0) {
                throw new Failure(SYNTAX);
            }
            if (Long.compareUnsigned(value, 1L << 60) >= 0) {
                throw new Failure(UINT64_RANGE);
            }
            value = value * 16 + digit;
        }
        return value;
    }

    /** A hexutil decError: the texts that Unmarshal*JSON wrap into type errors. */
    static final class DecError extends Exception {
        DecError(String message) {
            super(message, null, false, false);
        }
    }

    /** hexutil's {@code checkText} with a required prefix: the hex digits, even in number. */
    private static String checkText(String text) throws DecError {
        if (text.isEmpty()) {
            return "";
        }
        if (!has0xPrefix(text)) {
            throw new DecError(MISSING_PREFIX);
        }
        String raw = text.substring(2);
        if (raw.length() % 2 != 0) {
            throw new DecError(ODD_LENGTH);
        }
        return raw;
    }

    /** hexutil's {@code checkNumberText}: an empty string is allowed and means zero. */
    private static String checkNumberText(String text) throws DecError {
        if (text.isEmpty()) {
            return "";
        }
        if (!has0xPrefix(text)) {
            throw new DecError(MISSING_PREFIX);
        }
        String raw = text.substring(2);
        if (raw.isEmpty()) {
            throw new DecError(EMPTY_NUMBER);
        }
        if (raw.length() > 1 && raw.charAt(0) == '0') {
            throw new DecError(LEADING_ZERO);
        }
        return raw;
    }

    private static byte[] decodeHex(String raw) throws DecError {
        byte[] out = new byte[raw.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = nibble(raw.charAt(2 * i));
            int lo = nibble(raw.charAt(2 * i + 1));
            if (hi < 0 || lo < 0) {
                throw new DecError(SYNTAX);
            }
            out[i] = (byte) (hi << 4 | lo);
        }
        return out;
    }

    private static boolean has0xPrefix(String text) {
        return text.length() >= 2 && text.charAt(0) == '0' && (text.charAt(1) == 'x' || text.charAt(1) == 'X');
    }

    /** An ASCII hex digit's value, or -1 (Character.digit would also accept non-ASCII digits, Go does not). */
    private static int nibble(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
