package org.ethercattle.ethereum.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the two JSON shapes a state arrives in:
 * <ul>
 *   <li>a geth state dump ({@code geth dump}, execution-apis' {@code headstate.json}):
 *       {@code {"root", "accounts": {address: {balance (decimal), nonce (number), code?, storage?:
 *       {slot: value hex without 0x}}}}};</li>
 *   <li>a genesis file's {@code alloc}: {@code {address: {balance, nonce?, code?, storage?}}} with
 *       quantities in hex ({@code 0x}) or decimal.</li>
 * </ul>
 * Both are read fully into memory. Malformed input raises {@link IllegalArgumentException} naming the
 * account and field; an unreadable file {@link UncheckedIOException}.
 */
public final class StateJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StateJson() {
    }

    /** The accounts of a geth state dump file. */
    public static List<AccountState> readDump(Path file) {
        JsonNode accounts = read(file).path("accounts");
        if (!accounts.isObject()) {
            throw new IllegalArgumentException(file + " is not a geth state dump: it has no \"accounts\" object");
        }
        return accounts(accounts);
    }

    /** The {@code root} a geth state dump file declares, 32 bytes. */
    public static byte[] dumpRoot(Path file) {
        return bytes(read(file).path("root"), "root", file.toString());
    }

    /** The accounts of a genesis file's {@code alloc}. */
    public static List<AccountState> readGenesisAlloc(Path file) {
        JsonNode alloc = read(file).path("alloc");
        if (!alloc.isObject()) {
            throw new IllegalArgumentException(file + " is not a genesis file: it has no \"alloc\" object");
        }
        return accounts(alloc);
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read state JSON " + file + ": " + e.getMessage(), e);
        }
    }

    private static List<AccountState> accounts(JsonNode accounts) {
        List<AccountState> states = new ArrayList<>(accounts.size());
        for (Iterator<Map.Entry<String, JsonNode>> it = accounts.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            states.add(account(entry.getKey(), entry.getValue()));
        }
        return states;
    }

    private static AccountState account(String name, JsonNode json) {
        String where = "account " + name;
        byte[] address = hex(json.has("address") ? json.get("address").asText() : name, where + " address");
        TreeMap<BigInteger, BigInteger> storage = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = json.path("storage").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> slot = it.next();
            storage.put(new BigInteger(1, hex(slot.getKey(), where + " storage slot")),
                    new BigInteger(1, hex(slot.getValue().asText(), where + " storage " + slot.getKey())));
        }
        try {
            return new AccountState(address, quantity(json.path("nonce"), where + " nonce").longValueExact(),
                    quantity(json.path("balance"), where + " balance"),
                    json.has("code") ? hex(json.get("code").asText(), where + " code") : new byte[0], storage);
        } catch (ArithmeticException tooLarge) {
            throw new IllegalArgumentException(where + " nonce does not fit 64 bits", tooLarge);
        }
    }

    /** A JSON number, a {@code 0x} hex string or a decimal string; missing is zero. */
    private static BigInteger quantity(JsonNode node, String where) {
        if (node.isMissingNode() || node.isNull()) {
            return BigInteger.ZERO;
        }
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue();
        }
        String text = node.asText().trim();
        try {
            if (text.startsWith("0x") || text.startsWith("0X")) {
                return text.length() == 2 ? BigInteger.ZERO : new BigInteger(text.substring(2), 16);
            }
            return new BigInteger(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + " \"" + text + "\" is neither a 0x hex nor a decimal number", e);
        }
    }

    private static byte[] bytes(JsonNode node, String field, String where) {
        if (!node.isTextual()) {
            throw new IllegalArgumentException(where + " has no \"" + field + "\" hex string");
        }
        return hex(node.asText(), where + " " + field);
    }

    /** Hex with or without {@code 0x}; an odd digit count is read with a leading zero, as geth does. */
    private static byte[] hex(String text, String where) {
        String digits = text.startsWith("0x") || text.startsWith("0X") ? text.substring(2) : text;
        if ((digits.length() & 1) == 1) {
            digits = "0" + digits;
        }
        try {
            return HexFormat.of().parseHex(digits);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + " \"" + text + "\" is not hex", e);
        }
    }
}
