package org.ethercattle.core.status;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The value of one head key in a replica's store, e.g. geth's {@code LastBlock}.
 *
 * @param key         the head key; owned by this record, not to be changed
 * @param value       its value in the store (geth: a block hash), or {@code null} when absent; owned
 * @param blockNumber the number of the block the value points at, as the replica's
 *                    {@link org.ethercattle.api.replay.ChainHeads} tells it (geth: what its {@code 'H' + value}
 *                    key holds), or {@code null} when it cannot be told
 */
public record HeadStatus(byte[] key, byte[] value, Long blockNumber) {

    /** The key as text when it is printable ASCII (geth's are), else {@code 0x} and hex. */
    public String name() {
        for (byte b : key) {
            if (b < 0x20 || b > 0x7e) {
                return "0x" + HexFormat.of().formatHex(key);
            }
        }
        return new String(key, StandardCharsets.US_ASCII);
    }

    /** The value as {@code 0x} and hex, or {@code null} when absent. */
    public String valueHex() {
        return value == null ? null : "0x" + HexFormat.of().formatHex(value);
    }
}
