package org.ethercattle.core.status;

import java.time.Duration;
import java.util.ArrayDeque;

/**
 * Apply rates over a sliding window, from samples of a replayer's monotonic counters. Each rate is the
 * counter's growth between the oldest sample that still reaches the window's start and the newest
 * sample, divided by the time between them; so a window of 10 s with one sample a second averages the
 * last ten seconds, and a stall shows as a falling rate rather than a frozen one. Thread-safe.
 */
public final class ApplyRate {

    /** Rates per second; all zero until two samples exist. */
    public record Rates(double recordsPerSecond, double opsPerSecond, double bytesPerSecond) {
        /** No rate known yet. */
        public static final Rates NONE = new Rates(0, 0, 0);
    }

    private record Sample(long nanos, long records, long ops, long bytes) {}

    private final long windowNanos;
    private final ArrayDeque<Sample> samples = new ArrayDeque<>();

    /** A window of {@code window} (at least one millisecond). */
    public ApplyRate(Duration window) {
        if (window.toMillis() < 1) {
            throw new IllegalArgumentException("rate window must be at least 1 ms, was " + window);
        }
        this.windowNanos = window.toNanos();
    }

    /** The window's length. */
    public Duration window() {
        return Duration.ofNanos(windowNanos);
    }

    /**
     * Adds a sample of the counters taken at {@code nanos} ({@link System#nanoTime()} scale). Counters that
     * went down (a new replayer started counting from zero) restart the window.
     */
    public synchronized void record(long nanos, long records, long ops, long bytes) {
        Sample newest = samples.peekLast();
        if (newest != null && (records < newest.records || ops < newest.ops || bytes < newest.bytes
                || nanos < newest.nanos)) {
            samples.clear();
        }
        samples.addLast(new Sample(nanos, records, ops, bytes));
        // Keep exactly one sample at or before the window's start, as the base of the rates.
        while (samples.size() > 2) {
            Sample second = secondOldest();
            if (second.nanos > nanos - windowNanos) {
                break;
            }
            samples.removeFirst();
        }
    }

    /** The rates over the window, as of the newest sample. */
    public synchronized Rates rates() {
        if (samples.size() < 2) {
            return Rates.NONE;
        }
        Sample first = samples.peekFirst();
        Sample last = samples.peekLast();
        double seconds = (last.nanos - first.nanos) / 1e9;
        if (seconds <= 0) {
            return Rates.NONE;
        }
        return new Rates((last.records - first.records) / seconds, (last.ops - first.ops) / seconds,
                (last.bytes - first.bytes) / seconds);
    }

    private Sample secondOldest() {
        var it = samples.iterator();
        it.next();
        return it.next();
    }
}
