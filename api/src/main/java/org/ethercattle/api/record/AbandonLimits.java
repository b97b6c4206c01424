package org.ethercattle.api.record;

import java.time.Duration;
import java.util.Objects;

/**
 * When a {@link RecordDecoder} gives up a record that arrives in several messages (chunks, or a batch's
 * fragments) and whose writer went silent before the last one: its master died mid-write, so the write was
 * never acknowledged, and dropping it (with a warning) lets the decoder's resume point move on instead of
 * pinning it forever. A part of a dropped record that arrives later fails decoding rather than applying
 * part of a record.
 *
 * <p>A writer is silent for the log time since its latest part (measured with entry times, so only on logs
 * that keep them) and for the number of log entries decoded since. Every codec that assembles records
 * uses the same rule and the same defaults. Immutable and thread-safe.
 *
 * @param after        log time a writer may stay silent in the middle of a record
 * @param afterEntries later log entries a writer may stay silent in the middle of a record
 */
public record AbandonLimits(Duration after, long afterEntries) {

    /** The default limits: 10 minutes of log time or 1,000,000 later entries, whichever comes first. */
    public static final AbandonLimits DEFAULT = new AbandonLimits(Duration.ofMinutes(10), 1_000_000);

    /** @throws IllegalArgumentException if either limit is not positive */
    public AbandonLimits {
        Objects.requireNonNull(after, "after");
        if (after.isNegative() || after.isZero() || afterEntries < 1) {
            throw new IllegalArgumentException("abandon limits must be positive, got " + after + " and "
                    + afterEntries + " entries");
        }
    }

    /**
     * Whether a writer silent for {@code silentEntries} later entries and {@code silentMillis} of log time
     * ({@code -1} when the log keeps no times) is given up.
     */
    public boolean exceeded(long silentEntries, long silentMillis) {
        return silentEntries > afterEntries || silentMillis > after.toMillis();
    }

    /** {@code abandon limits: N entries, M ms}, as decoders' warnings quote them. */
    @Override
    public String toString() {
        return "abandon limits: " + afterEntries + " entries, " + after.toMillis() + " ms";
    }
}
