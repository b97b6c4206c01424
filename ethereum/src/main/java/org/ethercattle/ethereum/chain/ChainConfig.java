package org.ethercattle.ethereum.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The parts of a geth chain configuration (the {@code config} object of a genesis file, which geth also stores in
 * its database under {@code ethereum-config-<genesis hash>}) that answers depend on: the chain id, the London
 * block, and the timestamp forks with their blob schedules (EIP-4844 / EIP-7691 / EIP-7892 BPO forks).
 *
 * @param json the configuration as read, for methods that return it whole
 */
public record ChainConfig(JsonNode json, BigInteger chainId, Long londonBlock, Long shanghaiTime,
        List<BlobFork> blobForks) {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The blob forks in activation order, with the key of each in a genesis file's {@code blobSchedule}. */
    private static final List<String> BLOB_FORKS = List.of("cancun", "prague", "osaka", "bpo1", "bpo2", "bpo3",
            "bpo4", "bpo5");

    /**
     * A fork that changes blob parameters.
     *
     * @param name the fork's name in the configuration
     * @param time the activation timestamp
     * @param target blobs per block targeted
     * @param max blobs per block allowed
     * @param updateFraction the blob base fee's update fraction
     */
    public record BlobFork(String name, long time, long target, long max, long updateFraction) {}

    /** Parses a configuration object ({@code config} of a genesis file, or geth's stored JSON). */
    public static ChainConfig fromJson(JsonNode config) {
        if (config == null || !config.hasNonNull("chainId")) {
            throw new IllegalArgumentException("chain configuration has no chainId: expected the 'config' object of "
                    + "a geth genesis file");
        }
        List<BlobFork> forks = new ArrayList<>();
        JsonNode schedule = config.path("blobSchedule");
        for (String fork : BLOB_FORKS) {
            JsonNode time = config.get(fork + "Time");
            JsonNode params = schedule.get(fork);
            if (time != null && !time.isNull() && params != null) {
                forks.add(new BlobFork(fork, time.asLong(), params.path("target").asLong(),
                        params.path("max").asLong(), params.path("baseFeeUpdateFraction").asLong()));
            }
        }
        return new ChainConfig(config, new BigInteger(config.get("chainId").asText()),
                optionalLong(config, "londonBlock"), optionalLong(config, "shanghaiTime"), List.copyOf(forks));
    }

    /** Parses stored configuration JSON. */
    public static ChainConfig fromJson(byte[] json) {
        try {
            return fromJson(MAPPER.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException("chain configuration is not valid JSON", e);
        }
    }

    /** The blob parameters in force at {@code time}, if any blob fork is active then. */
    public Optional<BlobFork> blobForkAt(long time) {
        BlobFork active = null;
        for (BlobFork f : blobForks) {
            if (f.time() <= time) {
                active = f;
            }
        }
        return Optional.ofNullable(active);
    }

    /** Whether London (EIP-1559) is active at block {@code number}. */
    public boolean isLondon(long number) {
        return londonBlock != null && londonBlock <= number;
    }

    private static Long optionalLong(JsonNode config, String field) {
        JsonNode v = config.get(field);
        return v == null || v.isNull() ? null : v.asLong();
    }
}
