package org.ethercattle.log.nats;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.zip.CRC32C;

/**
 * The {@code Nats-Msg-Id} a producer gives a message, by which JetStream drops a second copy arriving
 * within the stream's deduplication window.
 *
 * <ul>
 *   <li><b>Native records</b> ({@code cattle/1}: magic {@code CA 77}, version 1, a valid trailing CRC32C)
 *       get an id derived from their bytes alone: a SHA-256 of the whole message, truncated to 128 bits.
 *       Such a message carries its producer's id and sequence (and a chunk its index), so two messages
 *       with equal bytes are the same message, appended twice: by this producer's own retry, or by a
 *       caller that re-appends after a failed future, even through another producer object. Landing
 *       once is then exactly right.</li>
 *   <li><b>Anything else</b> (the Ether Cattle format, whose heartbeats and commits repeat byte for byte,
 *       or arbitrary bytes) gets an id unique to this producer object and append: equal bytes appended
 *       twice on purpose are stored twice, and only the producer's own retries of one append are
 *       deduplicated.</li>
 * </ul>
 *
 * Stateless and thread-safe.
 */
final class DeduplicationId {

    private static final int NATIVE_MIN_BYTES = 36 + 4;
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

    private DeduplicationId() {}

    /**
     * The id for {@code message}, the {@code appendNumber}-th append of the producer {@code producerId}.
     */
    static String of(byte[] message, String producerId, long appendNumber) {
        if (isNativeRecord(message)) {
            return "c-" + contentHash(message);
        }
        return "p-" + producerId + "-" + appendNumber;
    }

    /** Whether {@code m} is framed as a {@code cattle/1} record with an intact checksum. */
    static boolean isNativeRecord(byte[] m) {
        if (m.length < NATIVE_MIN_BYTES || m[0] != (byte) 0xCA || m[1] != (byte) 0x77 || m[2] != 1) {
            return false;
        }
        CRC32C crc = new CRC32C();
        crc.update(m, 0, m.length - 4);
        return (int) crc.getValue() == ByteBuffer.wrap(m, m.length - 4, 4).getInt();
    }

    private static String contentHash(byte[] message) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(message);
            return BASE64.encodeToString(java.util.Arrays.copyOf(digest, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
