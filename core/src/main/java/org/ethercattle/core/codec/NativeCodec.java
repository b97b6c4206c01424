package org.ethercattle.core.codec;

import java.time.Duration;
import java.util.List;
import org.ethercattle.api.log.Position;
import org.ethercattle.api.record.AbandonLimits;
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
    public static final Duration DEFAULT_ABANDON_AFTER = AbandonLimits.DEFAULT.after();

    /** Default number of later log entries a producer may stay silent in the middle of a chunked record. */
    public static final long DEFAULT_ABANDON_AFTER_ENTRIES = AbandonLimits.DEFAULT.afterEntries();

    private final AbandonLimits abandonLimits;

    /** A codec with the default abandon limits ({@link AbandonLimits#DEFAULT}). */
    public NativeCodec() {
        this(DEFAULT_ABANDON_AFTER, DEFAULT_ABANDON_AFTER_ENTRIES);
    }

    /**
     * A codec whose decoders give up an incomplete chunked record once its producer has appended nothing
     * for more than {@code abandonAfter} of log time (measured with entry times, so only on logs that
     * keep them) or more than {@code abandonAfterEntries} later entries, whichever comes first. Such a
     * record's master died mid-write, so the write was never acknowledged; dropping it (with a warning)
     * lets the resume point move on (see {@link AbandonLimits}).
     *
     * @throws IllegalArgumentException if either limit is not positive
     */
    public NativeCodec(Duration abandonAfter, long abandonAfterEntries) {
        this.abandonLimits = new AbandonLimits(abandonAfter, abandonAfterEntries);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Log time a producer may stay silent in the middle of a chunked record before it is given up. */
    public Duration abandonAfter() {
        return abandonLimits.after();
    }

    /** Later log entries a producer may stay silent in the middle of a chunked record before it is given up. */
    public long abandonAfterEntries() {
        return abandonLimits.afterEntries();
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
        return new NativeDecoder(resumedAfter, maxPendingBytes, abandonLimits);
    }

    @Override
    public String toString() {
        return "cattle/1 codec (abandon after " + abandonLimits.after() + " or " + abandonLimits.afterEntries()
                + " entries)";
    }
}
