package org.ethercattle.ethereum.chain;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeSet;
import java.util.zip.CRC32;

/**
 * EIP-2124 fork identifiers: CRC32 of the genesis hash, updated with each fork's activation (block numbers, then
 * timestamps, each as 8 bytes big-endian, in order, duplicates once, and forks at genesis left out) up to a point
 * of the chain. The forks are every {@code *Block} and {@code *Time} field of the chain configuration, as geth
 * gathers them.
 */
public final class ForkId {

    private ForkId() {}

    /** The fork id of a chain at block {@code number} with timestamp {@code time}. */
    public static long at(byte[] genesisHash, long genesisTime, JsonNode config, long number, long time) {
        CRC32 crc = new CRC32();
        crc.update(genesisHash);
        for (long block : forks(config, "Block")) {
            if (block > 0 && block <= number) {
                crc.update(ByteBuffer.allocate(8).putLong(block).array());
            }
        }
        for (long t : forks(config, "Time")) {
            if (t > genesisTime && t <= time) {
                crc.update(ByteBuffer.allocate(8).putLong(t).array());
            }
        }
        return crc.getValue();
    }

    /** The activations of the fields named {@code *suffix}, sorted, each once. */
    static TreeSet<Long> forks(JsonNode config, String suffix) {
        TreeSet<Long> out = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = config.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().endsWith(suffix) && e.getValue().isNumber()) {
                out.add(e.getValue().asLong());
            }
        }
        return out;
    }
}
