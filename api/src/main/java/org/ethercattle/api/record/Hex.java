package org.ethercattle.api.record;

import java.util.HexFormat;

/** Hex rendering of keys for messages and {@code toString}, shortened so a 16 MiB value never floods a log. */
final class Hex {

    private static final int SHOWN_BYTES = 24;

    private Hex() {}

    static String abbreviate(byte[] bytes) {
        if (bytes.length <= SHOWN_BYTES) {
            return "0x" + HexFormat.of().formatHex(bytes);
        }
        return "0x" + HexFormat.of().formatHex(bytes, 0, SHOWN_BYTES) + "..(" + bytes.length + " B)";
    }
}
