package org.ethercattle.core.codec;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.ethercattle.api.log.Position;
import org.ethercattle.api.record.ChangeRecord;
import org.ethercattle.api.record.Codec;
import org.ethercattle.api.record.RecordDecoder;

/**
 * The native wire format {@code cattle/1}: one message per record when it fits the log's message limit,
 * ordered chunks otherwise; a CRC32C over every message; a producer id, sequence and time on every
 * record. The byte layout, with test vectors, is in {@code docs/wire-format.md}.
 *
 * <p>Encoding requires a producer id and a non-negative sequence on every record
 * ({@link IllegalArgumentException} otherwise): records from formats that carry none cannot be
 * re-encoded as {@code cattle/1}.
 *
 * <p>Decoders drop incomplete chunked records that their producer gave up (see {@link #NativeCodec(Duration,
 * long)}). Immutable and thread-safe; decoders are not.
 */
public final class NativeCodec implements Codec {

    /** The name streams are configured with. */
    public static final String NAME = "cattle";

    /** Default log time a producer may stay silent in the middle of a chunked record: 10 minutes. */
    public static final Duration DEFAULT_ABANDON_AFTER = Duration.ofMinutes(10);

    /** Default number of later log entries a producer may stay silent in the middle of a chunked record. */
    public static final long DEFAULT_ABANDON_AFTER_ENTRIES = 1_000_000;

    private final Duration abandonAfter;
    private final long abandonAfterEntries;

    /** A codec with the default abandon limits. */
    public NativeCodec() {
        this(DEFAULT_ABANDON_AFTER, DEFAULT_ABANDON_AFTER_ENTRIES);
    }

    /**
     * A codec whose decoders give up an incomplete chunked record once its producer has appended nothing
     * for more than {@code abandonAfter} of log time (measured with entry times, so only on logs that
     * keep them) or more than {@code abandonAfterEntries} later entries, whichever comes first. Such a
     * record's master died mid-write, so the write was never acknowledged; dropping it (with a warning)
     * lets the resume point move on.
     *
     * @throws IllegalArgumentException if either limit is not positive
     */
    public NativeCodec(Duration abandonAfter, long abandonAfterEntries) {
        Objects.requireNonNull(abandonAfter, "abandonAfter");
        if (abandonAfter.isNegative() || abandonAfter.isZero() || abandonAfterEntries < 1) {
            throw new IllegalArgumentException("abandon limits must be positive, got " + abandonAfter + " and "
                    + abandonAfterEntries + " entries");
        }
        this.abandonAfter = abandonAfter;
        this.abandonAfterEntries = abandonAfterEntries;
    }

    @Override
    public String name() {
        return NAME;
    }

    public Duration abandonAfter() {
        return abandonAfter;
    }

    public long abandonAfterEntries() {
        return abandonAfterEntries;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Every message but the last of a chunked record is exactly {@code maxMessageBytes} long. The
     * returned arrays are fresh and owned by the caller.
     *
     * @throws IllegalArgumentException if the record has no producer id or sequence, a time below
     *                                  {@link ChangeRecord#NO_TIME}, a body over 2 GiB, or if
     *                                  {@code maxMessageBytes} cannot hold even one part
     */
    @Override
    public List<byte[]> encode(ChangeRecord record, int maxMessageBytes) {
        return NativeEncoder.encode(record, maxMessageBytes);
    }

    /**
     * {@inheritDoc}
     *
     * <p>The decoder throws {@link org.ethercattle.api.record.CorruptRecordException} for a checksum
     * mismatch, an unknown version or kind, a malformed body, or chunks out of order; after that (or a
     * {@link org.ethercattle.api.record.PendingLimitException}) it refuses further use with
     * {@link IllegalStateException}.
     */
    @Override
    public RecordDecoder newDecoder(Position resumedAfter, long maxPendingBytes) {
        return new NativeDecoder(resumedAfter, maxPendingBytes, abandonAfter.toMillis(), abandonAfterEntries);
    }

    @Override
    public String toString() {
        return "cattle/1 codec (abandon after " + abandonAfter + " or " + abandonAfterEntries + " entries)";
    }
}
