package org.ethercattle.ethereum.guard;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** The keys under which go-ethereum stores its chain-head markers. */
public final class GethHeadKeys {

    /**
     * {@code LastHeader}, {@code LastBlock} and {@code LastFast} as ASCII bytes: the head header,
     * full block and fast-sync block hashes (geth's {@code headHeaderKey}, {@code headBlockKey},
     * {@code headFastBlockKey}). Unmodifiable; callers must not change the arrays.
     */
    public static final List<byte[]> DEFAULT = List.of(
            ascii("LastHeader"),
            ascii("LastBlock"),
            ascii("LastFast"));

    /**
     * {@code LastHeader} and {@code LastBlock}: the keys the original Ether Cattle replica guards (it lets
     * {@code LastFast} through). Unmodifiable; callers must not change the arrays.
     */
    public static final List<byte[]> ETHER_CATTLE = List.of(DEFAULT.get(0), DEFAULT.get(1));

    private GethHeadKeys() {}

    private static byte[] ascii(String name) {
        return name.getBytes(StandardCharsets.US_ASCII);
    }
}
