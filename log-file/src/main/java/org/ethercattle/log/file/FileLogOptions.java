package org.ethercattle.log.file;

import java.time.Duration;
import java.util.Set;
import org.ethercattle.api.spi.Spec;
import org.ethercattle.api.spi.SpecException;

/**
 * The tunables of a file log, read from a spec's parameters. Immutable.
 *
 * <p>Producer side: {@code segmentBytes} (default {@code 128m}), {@code fsync}
 * ({@code always|interval|never}, default {@code interval}), {@code fsyncInterval} (default {@code 1s}),
 * {@code maxMessageBytes} (default {@code 8m}), {@code retentionBytes} and {@code retentionAge} (default:
 * keep everything). Consumer side: {@code maxPollBytes} (default {@code 4m}) and {@code maxPollEntries}
 * (default {@code 10000}) cap what one {@code poll} returns (a single entry larger than
 * {@code maxPollBytes} is still returned, alone).
 *
 * @param segmentBytes    a segment is rolled before an append would make it longer than this (a
 *                        single larger entry gets a segment of its own)
 * @param fsync           when appends are forced to disk
 * @param fsyncInterval   the period of background fsyncs under {@link FsyncPolicy#INTERVAL}
 * @param maxMessageBytes the longest payload an append accepts
 * @param retentionBytes  whole oldest segments are deleted while all segments together are longer;
 *                        {@link Long#MAX_VALUE} keeps everything
 * @param retentionAge    whole oldest segments are deleted once their last write is older;
 *                        {@link #FOREVER} keeps everything
 * @param maxPollBytes    payload bytes one poll returns at most
 * @param maxPollEntries  entries one poll returns at most
 */
public record FileLogOptions(long segmentBytes, FsyncPolicy fsync, Duration fsyncInterval, int maxMessageBytes,
                             long retentionBytes, Duration retentionAge, int maxPollBytes, int maxPollEntries) {

    /** A retention age meaning "never delete by age". */
    public static final Duration FOREVER = Duration.ofSeconds(Long.MAX_VALUE);

    /** The parameters a {@code file:} spec accepts. */
    public static final Set<String> PARAMETERS = Set.of("segmentBytes", "fsync", "fsyncInterval",
            "maxMessageBytes", "retentionBytes", "retentionAge", "maxPollBytes", "maxPollEntries");

    public FileLogOptions {
        if (segmentBytes < 1) {
            throw new IllegalArgumentException("segmentBytes must be positive, got " + segmentBytes);
        }
        if (fsyncInterval.isNegative() || fsyncInterval.isZero()) {
            throw new IllegalArgumentException("fsyncInterval must be positive, got " + fsyncInterval);
        }
        if (maxMessageBytes < 0 || maxMessageBytes > FrameCodec.MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("maxMessageBytes must be between 0 and "
                    + FrameCodec.MAX_PAYLOAD_BYTES + ", got " + maxMessageBytes);
        }
        if (retentionBytes < 0 || retentionAge.isNegative()) {
            throw new IllegalArgumentException("retention must not be negative");
        }
        if (maxPollBytes < 1 || maxPollEntries < 1) {
            throw new IllegalArgumentException("maxPollBytes and maxPollEntries must be positive");
        }
    }

    /** All defaults. */
    public static FileLogOptions defaults() {
        return new FileLogOptions(128L << 20, FsyncPolicy.INTERVAL, Duration.ofSeconds(1), 8 << 20,
                Long.MAX_VALUE, FOREVER, 4 << 20, 10_000);
    }

    /**
     * Reads the options from {@code spec}'s parameters, with defaults for those absent.
     *
     * @throws SpecException for an unknown parameter or a bad value, naming it and what is accepted
     */
    public static FileLogOptions from(Spec spec) {
        spec.requireOnly(PARAMETERS);
        FileLogOptions d = defaults();
        long segmentBytes = spec.sizeParam("segmentBytes", d.segmentBytes);
        long maxMessage = spec.sizeParam("maxMessageBytes", d.maxMessageBytes);
        long maxPollBytes = spec.sizeParam("maxPollBytes", d.maxPollBytes);
        long maxPollEntries = spec.longParam("maxPollEntries", d.maxPollEntries);
        Duration interval = spec.durationParam("fsyncInterval", d.fsyncInterval);
        requireRange(spec, "segmentBytes", segmentBytes, 1, Long.MAX_VALUE);
        requireRange(spec, "maxMessageBytes", maxMessage, 0, FrameCodec.MAX_PAYLOAD_BYTES);
        requireRange(spec, "maxPollBytes", maxPollBytes, 1, Integer.MAX_VALUE);
        requireRange(spec, "maxPollEntries", maxPollEntries, 1, Integer.MAX_VALUE);
        if (interval.isNegative() || interval.isZero()) {
            throw new SpecException("spec '" + spec + "': fsyncInterval must be positive, e.g. 1s or 200ms");
        }
        return new FileLogOptions(segmentBytes,
                spec.enumParam("fsync", FsyncPolicy.class, d.fsync),
                interval,
                (int) maxMessage,
                spec.sizeParam("retentionBytes", d.retentionBytes),
                spec.durationParam("retentionAge", d.retentionAge),
                (int) maxPollBytes,
                (int) maxPollEntries);
    }

    private static void requireRange(Spec spec, String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new SpecException("spec '" + spec + "': " + name + "=" + value + " is outside " + min
                    + ".." + max);
        }
    }

    /** Whether any retention limit is set. */
    public boolean hasRetention() {
        return retentionBytes != Long.MAX_VALUE || !retentionAge.equals(FOREVER);
    }
}
