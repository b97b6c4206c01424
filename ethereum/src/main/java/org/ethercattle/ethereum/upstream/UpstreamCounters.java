package org.ethercattle.ethereum.upstream;

import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Per-method counts of the calls forwarded upstream, kept as plain counters so that this module needs no metrics
 * library: the cli binds them to its registry ({@code cattle_rpc_upstream_*{method=...}}). Every forwarded call
 * counts once in {@link #forwarded}, and additionally once in {@link #errors} when the node answered an error or in
 * {@link #failures} when it did not answer. Thread-safe; counts only grow.
 */
public final class UpstreamCounters {

    private final Map<String, LongAdder> forwarded = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();

    /** Counters for {@code methods}, all at zero, so that each is exported before its first call. */
    UpstreamCounters(Iterable<String> methods) {
        for (String m : methods) {
            forwarded.put(m, new LongAdder());
            errors.put(m, new LongAdder());
            failures.put(m, new LongAdder());
        }
    }

    void countForwarded(String method) {
        forwarded.get(method).increment();
    }

    void countError(String method) {
        errors.get(method).increment();
    }

    void countFailure(String method) {
        failures.get(method).increment();
    }

    /** The names of the counted methods, sorted. */
    public SortedSet<String> methods() {
        return new TreeSet<>(forwarded.keySet());
    }

    /** Calls of {@code method} forwarded so far (0 for a method not forwarded). */
    public long forwarded(String method) {
        return read(forwarded, method);
    }

    /** Calls of {@code method} the node answered with an error (passed through to the client). */
    public long errors(String method) {
        return read(errors, method);
    }

    /** Calls of {@code method} the node did not answer (timeout, refused connection, bad answer). */
    public long failures(String method) {
        return read(failures, method);
    }

    /** A snapshot of {@link #forwarded} for every method, sorted by name. */
    public SortedMap<String, Long> forwardedByMethod() {
        SortedMap<String, Long> snapshot = new TreeMap<>();
        forwarded.forEach((m, c) -> snapshot.put(m, c.sum()));
        return snapshot;
    }

    private static long read(Map<String, LongAdder> counters, String method) {
        LongAdder c = counters.get(method);
        return c == null ? 0 : c.sum();
    }
}
