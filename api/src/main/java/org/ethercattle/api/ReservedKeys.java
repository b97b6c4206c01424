package org.ethercattle.api;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The key range Cattle keeps for itself inside a user's store: replay checkpoints, head-guard memory,
 * layered-store bookkeeping. Every such key starts with {@link #PREFIX}, the bytes
 * {@code 0x00 'c' 'a' 't' 't' 'l' 'e' 0x00}.
 *
 * <p>No go-ethereum key starts with {@code 0x00}, so the range never meets chain data. A master's
 * capture rejects user writes into it, and keyspace comparisons between a master and its replicas
 * leave it out.
 */
public final class ReservedKeys {

    /** The prefix of every key Cattle writes for its own bookkeeping. */
    public static final byte[] PREFIX = "\0cattle\0".getBytes(StandardCharsets.US_ASCII);

    private ReservedKeys() {}

    /** Whether {@code key} lies in the reserved range. */
    public static boolean isReserved(byte[] key) {
        return key.length >= PREFIX.length && Arrays.equals(key, 0, PREFIX.length, PREFIX, 0, PREFIX.length);
    }

    /** The reserved key {@code PREFIX + name} (UTF-8), e.g. {@code key("checkpoint/mainnet-cdc")}. */
    public static byte[] key(String name) {
        byte[] suffix = name.getBytes(StandardCharsets.UTF_8);
        byte[] key = Arrays.copyOf(PREFIX, PREFIX.length + suffix.length);
        System.arraycopy(suffix, 0, key, PREFIX.length, suffix.length);
        return key;
    }
}
