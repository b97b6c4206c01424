package org.ethercattle.ethereum.follow;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.Arrays;
import org.ethercattle.ethereum.types.Header;
import org.ethercattle.ethereum.types.Hex;

/**
 * Rebuilds a header's RLP from a node's JSON block ({@code eth_getBlockByNumber}): the fifteen original fields,
 * then each fork's trailing field exactly when the JSON has it (a node omits fields its block's fork lacks), and
 * checks that the encoding hashes to the JSON's {@code hash}. A header that passes is byte-for-byte the one the
 * node holds, since the hash commits to every field.
 */
public final class HeaderJson {

    private HeaderJson() {}

    /**
     * The header of {@code block}, checked against its {@code hash}.
     *
     * @throws BlockMismatchException when a field is missing or malformed, or the hash does not match
     */
    public static Header decode(JsonNode block) {
        long number = quantity(block, -1, "number").longValueExact();
        BigInteger baseFee = optionalQuantity(block, number, "baseFeePerGas");
        byte[] withdrawalsRoot = optionalData(block, number, "withdrawalsRoot", 32);
        BigInteger blobGasUsed = optionalQuantity(block, number, "blobGasUsed");
        BigInteger excessBlobGas = optionalQuantity(block, number, "excessBlobGas");
        byte[] beaconRoot = optionalData(block, number, "parentBeaconBlockRoot", 32);
        byte[] requestsHash = optionalData(block, number, "requestsHash", 32);
        Header header;
        try {
            header = Header.encode(data(block, number, "parentHash", 32), data(block, number, "sha3Uncles", 32),
                    data(block, number, "miner", 20), data(block, number, "stateRoot", 32),
                    data(block, number, "transactionsRoot", 32), data(block, number, "receiptsRoot", 32),
                    data(block, number, "logsBloom", 256), quantity(block, number, "difficulty"), number,
                    quantity(block, number, "gasLimit").longValueExact(),
                    quantity(block, number, "gasUsed").longValueExact(),
                    quantity(block, number, "timestamp").longValueExact(), data(block, number, "extraData", -1),
                    mixHash(block, number), data(block, number, "nonce", 8), baseFee, withdrawalsRoot,
                    blobGasUsed == null ? null : blobGasUsed.longValueExact(),
                    excessBlobGas == null ? null : excessBlobGas.longValueExact(), beaconRoot, requestsHash);
        } catch (ArithmeticException e) {
            throw new BlockMismatchException(number, "header", "a 64-bit field is out of range: " + e.getMessage());
        }
        byte[] hash = data(block, number, "hash", 32);
        if (!Arrays.equals(header.hash(), hash)) {
            throw new BlockMismatchException(number, "hash", "the header re-encoded from the node's JSON hashes to "
                    + Hex.data(header.hash()) + ", not " + Hex.data(hash) + "; the node reports a field Cattle does "
                    + "not encode (a fork newer than Prague?) or sent an inconsistent block");
        }
        return header;
    }

    private static byte[] mixHash(JsonNode block, long number) {
        // Some clients name the post-merge field by its meaning.
        return block.hasNonNull("mixHash") ? data(block, number, "mixHash", 32)
                : data(block, number, "prevRandao", 32);
    }

    /** A required data field of {@code length} bytes ({@code -1}: any length). */
    static byte[] data(JsonNode json, long number, String field, int length) {
        JsonNode v = json.get(field);
        if (v == null || !v.isTextual() || !v.asText().startsWith("0x")) {
            throw new BlockMismatchException(number, field, "missing or not hex data in the node's JSON: " + v);
        }
        byte[] bytes;
        try {
            bytes = Hex.bytes(v.asText());
        } catch (IllegalArgumentException e) {
            throw new BlockMismatchException(number, field, "not hex data: " + v);
        }
        if (length >= 0 && bytes.length != length) {
            throw new BlockMismatchException(number, field, "expected " + length + " bytes, found " + bytes.length);
        }
        return bytes;
    }

    /** A required quantity field. */
    static BigInteger quantity(JsonNode json, long number, String field) {
        BigInteger v = optionalQuantity(json, number, field);
        if (v == null) {
            throw new BlockMismatchException(number, field, "missing in the node's JSON");
        }
        return v;
    }

    /** An optional quantity field: {@code null} when absent or JSON null. */
    static BigInteger optionalQuantity(JsonNode json, long number, String field) {
        JsonNode v = json.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        try {
            // Quantities are hex strings; tolerate a bare JSON number, which some nodes send for small values.
            return v.isNumber() ? v.bigIntegerValue() : Hex.number(v.asText());
        } catch (NumberFormatException e) {
            throw new BlockMismatchException(number, field, "not a quantity: " + v);
        }
    }

    private static byte[] optionalData(JsonNode json, long number, String field, int length) {
        JsonNode v = json.get(field);
        return v == null || v.isNull() ? null : data(json, number, field, length);
    }
}
