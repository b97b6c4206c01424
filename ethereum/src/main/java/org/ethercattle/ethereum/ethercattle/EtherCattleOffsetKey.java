package org.ethercattle.ethereum.ethercattle;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.LongSupplier;
import org.ethercattle.api.Database;
import org.ethercattle.api.KeyValueWriter;
import org.ethercattle.api.StoreException;
import org.ethercattle.api.replay.OffsetCheckpoint;

/**
 * The original Ether Cattle replica's checkpoint: key {@code cdc-log-<topic>-offset}, value 20 bytes, Go's
 * {@code binary.PutVarint} (zig-zag, then LEB128) of the Kafka offset zero-padded to 10 bytes, then the same
 * of the wall-clock Unix seconds when it was written.
 *
 * <p>The offset is the <b>last applied</b> message: the original writes it in the same batch as the
 * {@code LastBlock} put at that offset, or right after applying the heartbeat at that offset, and its
 * restart consumes from that offset again (sarama starts at, not after, the given offset). A replayer using
 * this as its {@code fallbackCheckpoint} therefore resumes with the entry after it; re-reading it, as the
 * original does, would change nothing. Written as its {@code mirrorCheckpoint}, it records the replayer's
 * resume point, so an original replica taking over starts at a message whose effects are in the store and
 * reads every batch that has not committed from its first fragment. The seconds are what the original's
 * {@code --replica.offset.age} check compares with the clock. Immutable and thread-safe.
 */
public final class EtherCattleOffsetKey implements OffsetCheckpoint {

    /** Go's {@code binary.MaxVarintLen64}: the width each of the two padded varints takes. */
    public static final int VARINT_WIDTH = 10;
    /** Length of the value the original writes. */
    public static final int VALUE_BYTES = 2 * VARINT_WIDTH;

    private final String topic;
    private final byte[] key;
    private final LongSupplier unixSeconds;

    private EtherCattleOffsetKey(String topic, LongSupplier unixSeconds) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.key = ("cdc-log-" + topic + "-offset").getBytes(StandardCharsets.UTF_8);
        this.unixSeconds = unixSeconds;
    }

    /** The key of Kafka topic {@code topic} (the name alone, without a {@code :offset} suffix). */
    public static EtherCattleOffsetKey forTopic(String topic) {
        return new EtherCattleOffsetKey(topic, () -> System.currentTimeMillis() / 1000);
    }

    /** Like {@link #forTopic}, writing {@code unixSeconds} as the time (for tests). */
    static EtherCattleOffsetKey forTopic(String topic, LongSupplier unixSeconds) {
        return new EtherCattleOffsetKey(topic, unixSeconds);
    }

    /** The key, {@code cdc-log-<topic>-offset} in UTF-8 (a fresh array). */
    public byte[] key() {
        return key.clone();
    }

    /** The stored offset and time, decoded. */
    public record Value(long offset, long unixSeconds) {}

    /** The 20-byte value the original writes for {@code offset} at {@code unixSeconds}. */
    public static byte[] encode(long offset, long unixSeconds) {
        byte[] out = new byte[VALUE_BYTES];
        putVarint(out, 0, offset);
        putVarint(out, VARINT_WIDTH, unixSeconds);
        return out;
    }

    /**
     * Decodes a value as the original replica reads it: a varint from the first 10 bytes (the offset),
     * then one from the rest (the time; 0 when absent).
     *
     * @throws IllegalArgumentException if the offset's varint does not end within its 10 bytes
     */
    public static Value decode(byte[] value) {
        long[] offset = varint(value, 0, Math.min(value.length, VARINT_WIDTH));
        if (offset == null) {
            throw new IllegalArgumentException("no varint ends within the first " + VARINT_WIDTH + " bytes");
        }
        long[] time = value.length > VARINT_WIDTH ? varint(value, VARINT_WIDTH, value.length) : null;
        return new Value(offset[0], time == null ? 0 : time[0]);
    }

    /**
     * {@inheritDoc}
     *
     * @throws StoreException if the key holds something the original would not have written (a bad varint
     *                        or a negative offset)
     */
    @Override
    public OptionalLong lastApplied(Database store) {
        byte[] value = store.get(key);
        if (value == null || value.length == 0) {
            return OptionalLong.empty();
        }
        Value decoded;
        try {
            decoded = decode(value);
        } catch (IllegalArgumentException e) {
            throw unreadable(value, e.getMessage());
        }
        if (decoded.offset() < 0) {
            throw unreadable(value, "offset " + decoded.offset() + " is negative");
        }
        return OptionalLong.of(decoded.offset());
    }

    @Override
    public void write(KeyValueWriter batch, long offset) {
        batch.put(key.clone(), encode(offset, unixSeconds.getAsLong()));
    }

    private StoreException unreadable(byte[] value, String problem) {
        return new StoreException("the original Ether Cattle offset under key '" + new String(key,
                StandardCharsets.UTF_8) + "' is unreadable (" + value.length + " bytes: " + problem + "); delete the"
                + " key and start the replica with an explicit offset (topic:N) or from a snapshot");
    }

    /** Go's {@code binary.PutVarint}: zig-zag, then unsigned LEB128. */
    private static void putVarint(byte[] out, int at, long value) {
        long u = (value << 1) ^ (value >> 63);
        while (Long.compareUnsigned(u, 0x80) >= 0) {
            out[at++] = (byte) (u | 0x80);
            u >>>= 7;
        }
        out[at] = (byte) u;
    }

    /** Go's {@code binary.Varint}: the value, or null when no varint ends before {@code end} or it overflows. */
    private static long[] varint(byte[] in, int from, int end) {
        long u = 0;
        int shift = 0;
        for (int i = from; i < end; i++) {
            int b = in[i] & 0xFF;
            if (i - from == VARINT_WIDTH - 1 && b > 1) {
                return null;
            }
            if (b < 0x80) {
                u |= (long) b << shift;
                return new long[] {(u >>> 1) ^ -(u & 1)};
            }
            u |= (long) (b & 0x7F) << shift;
            shift += 7;
        }
        return null;
    }

    @Override
    public String toString() {
        return "cdc-log-" + topic + "-offset";
    }
}
