package org.ethercattle.ethereum.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ethercattle.ethereum.types.Hex;
import org.ethercattle.ethereum.types.Header;

/**
 * A geth genesis file ({@code genesis.json}): the chain configuration, the genesis header's fields and the
 * initial allocation. {@link #header(byte[])} builds block 0's header the way geth's {@code Genesis.ToBlock}
 * does, so its hash is the one block 1 names as parent.
 *
 * @param json the whole file
 * @param config its {@code config}
 */
public record Genesis(JsonNode json, ChainConfig config) {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final byte[] EMPTY_TRIE = Hex.bytes("56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421");
    private static final byte[] EMPTY_UNCLES = Hex.bytes("1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347");
    /** sha256 of no requests: the requests hash of a Prague block without any (EIP-7685). */
    private static final byte[] EMPTY_REQUESTS = Hex.bytes("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    private static final BigInteger INITIAL_BASE_FEE = BigInteger.valueOf(1_000_000_000L);
    private static final BigInteger DEFAULT_DIFFICULTY = BigInteger.valueOf(131_072L);

    /** Reads a genesis file. */
    public static Genesis read(Path file) {
        try {
            JsonNode json = MAPPER.readTree(Files.readAllBytes(file));
            return new Genesis(json, ChainConfig.fromJson(json.get("config")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read genesis file " + file, e);
        }
    }

    /** The {@code alloc} object: address to account (balance, nonce, code, storage). */
    public JsonNode alloc() {
        return json.path("alloc");
    }

    /** The genesis header for a state whose root is {@code stateRoot}. */
    public Header header(byte[] stateRoot) {
        long time = number("timestamp").longValueExact();
        BigInteger difficulty = json.hasNonNull("difficulty") ? number("difficulty") : DEFAULT_DIFFICULTY;
        BigInteger baseFee = null;
        if (config.isLondon(0)) {
            baseFee = json.hasNonNull("baseFeePerGas") ? number("baseFeePerGas") : INITIAL_BASE_FEE;
        }
        byte[] withdrawalsRoot = null;
        Long blobGasUsed = null;
        Long excessBlobGas = null;
        byte[] beaconRoot = null;
        byte[] requestsHash = null;
        if (config.shanghaiTime() != null && config.shanghaiTime() <= time) {
            withdrawalsRoot = EMPTY_TRIE;
        }
        if (config.blobForkAt(time).isPresent()) {
            excessBlobGas = json.hasNonNull("excessBlobGas") ? number("excessBlobGas").longValueExact() : 0L;
            blobGasUsed = json.hasNonNull("blobGasUsed") ? number("blobGasUsed").longValueExact() : 0L;
            beaconRoot = new byte[32];
            // Every blob fork after Cancun comes with or after Prague, which adds the requests hash.
            if (!config.blobForkAt(time).get().name().equals("cancun")) {
                requestsHash = EMPTY_REQUESTS;
            }
        }
        return Header.encode(
                bytes("parentHash", 32), EMPTY_UNCLES, bytes("coinbase", 20), stateRoot, EMPTY_TRIE, EMPTY_TRIE,
                new byte[256], difficulty, 0, number("gasLimit").longValueExact(), 0, time,
                json.hasNonNull("extraData") ? Hex.bytes(json.get("extraData").asText()) : new byte[0],
                bytes("mixHash", 32), nonce(), baseFee, withdrawalsRoot, blobGasUsed, excessBlobGas, beaconRoot,
                requestsHash);
    }

    private byte[] nonce() {
        BigInteger n = json.hasNonNull("nonce") ? number("nonce") : BigInteger.ZERO;
        return org.ethercattle.ethereum.rawdb.Schema.u64(n.longValue());
    }

    private BigInteger number(String field) {
        JsonNode v = json.get(field);
        return v == null || v.isNull() ? BigInteger.ZERO : Hex.number(v.asText());
    }

    private byte[] bytes(String field, int length) {
        JsonNode v = json.get(field);
        if (v == null || v.isNull()) {
            return new byte[length];
        }
        byte[] b = Hex.bytes(v.asText());
        if (b.length != length) {
            throw new IllegalArgumentException("genesis " + field + " has " + b.length + " bytes, want " + length);
        }
        return b;
    }
}
