package org.ethercattle.benchmarks;

import java.util.List;
import java.util.UUID;
import java.util.zip.CRC32C;
import org.ethercattle.api.Codecs;

/**
 * The blocks of a {@link BlockPool} encoded once with the {@code cattle} codec, one message each, and an
 * endless sequence of them for {@link EndlessLog}: entry {@code i} is block {@code i mod size} as record
 * {@code i} of one producer. Each entry is a fresh copy of the pre-encoded message whose sequence field
 * is rewritten and whose CRC32C is recomputed: about what a real log client costs (it copies every
 * payload into a new array too), and what keeps the replayer from taking the second pass for duplicates.
 *
 * <p>Knows two facts of the cattle/1 layout (docs/wire-format.md): the big-endian sequence at byte 20 and
 * the CRC32C of all preceding bytes in the last four.
 */
final class CattleMessages {

    /** Large enough that every geth-shaped block is one message, as with Kafka's 1 MB default. */
    static final int MAX_MESSAGE_BYTES = 1 << 20;

    private static final int SEQUENCE_OFFSET = 20;

    private final byte[][] messages;
    private final CRC32C crc = new CRC32C();

    CattleMessages(BlockPool pool) {
        List<List<byte[]>> encoded = pool.encode(Codecs.get("cattle"), UUID.randomUUID(), MAX_MESSAGE_BYTES);
        messages = new byte[encoded.size()][];
        for (int i = 0; i < messages.length; i++) {
            if (encoded.get(i).size() != 1) {
                throw new IllegalStateException("block " + i + " needs " + encoded.get(i).size() + " messages");
            }
            messages[i] = encoded.get(i).get(0);
        }
    }

    /** The pre-encoded message of block {@code i} (sequence {@code i}); shared, do not change it. */
    byte[] message(int i) {
        return messages[i];
    }

    int size() {
        return messages.length;
    }

    /** A fresh message: block {@code index mod size} as record {@code index}. Not thread-safe. */
    byte[] entry(long index) {
        byte[] m = messages[(int) (index % messages.length)].clone();
        for (int b = 7; b >= 0; b--) {
            m[SEQUENCE_OFFSET + b] = (byte) (index >>> (8 * (7 - b)));
        }
        int crcOffset = m.length - 4;
        crc.reset();
        crc.update(m, 0, crcOffset);
        int value = (int) crc.getValue();
        m[crcOffset] = (byte) (value >>> 24);
        m[crcOffset + 1] = (byte) (value >>> 16);
        m[crcOffset + 2] = (byte) (value >>> 8);
        m[crcOffset + 3] = (byte) value;
        return m;
    }
}
