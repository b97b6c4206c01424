package org.ethercattle.benchmarks.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One JMH result (one benchmark method at one set of parameters), reduced to what the report shows.
 *
 * @param benchmark  simple class name, e.g. {@code StoreWriteBenchmark}
 * @param method     the benchmark method
 * @param params     its {@code @Param} values
 * @param ops        ops per second (the {@code ops} counter), or the primary score when there is none
 * @param bytes      key plus value bytes per second; NaN when not counted
 * @param cpuNanos   process CPU nanoseconds per second; NaN when not counted
 * @param activeNanos nanoseconds per second the benchmark timed itself as its core activity; 0 or NaN when none
 * @param samples    measurement iterations times forks
 */
record Measurement(String benchmark, String method, Map<String, String> params, Value ops, Value bytes,
        Value cpuNanos, Value activeNanos, int samples) {

    /**
     * A mean over the measurement iterations and their sample standard deviation (NaN with fewer than two
     * iterations). Not JMH's 99.9% interval: with the few long iterations these benchmarks use, its
     * Student-t factor (31.6 for three iterations) makes it wider than the figures themselves.
     */
    record Value(double score, double error) {

        static final Value NONE = new Value(Double.NaN, Double.NaN);

        /** This divided by {@code other}, its error propagated from both relative errors. */
        Value ratio(Value other) {
            double r = score / other.score;
            double relative = Math.sqrt(square(relError()) + square(other.relError()));
            return new Value(r, Double.isNaN(relative) ? Double.NaN : r * relative);
        }

        double relError() {
            return score == 0 || Double.isNaN(error) ? Double.NaN : error / score;
        }

        private static double square(double x) {
            return x * x;
        }
    }

    /** The parameter, or {@code ""}. */
    String param(String name) {
        return params.getOrDefault(name, "");
    }

    /**
     * Ops per second of the core activity alone (e.g. the peer's restore without its start-up), when the
     * benchmark timed it; otherwise {@link #ops()}.
     */
    Value activeOps() {
        if (!(activeNanos.score() > 0)) {
            return ops;
        }
        double fraction = activeNanos.score() / 1e9;
        return new Value(ops.score() / fraction, ops.error() / fraction);
    }

    /** Ops per CPU-second as a value whose error is that of the ops rate (the CPU rate is steadier). */
    Value opsPerCpu() {
        double cores = cpuNanos.score() / 1e9;
        return cores > 0 ? new Value(ops.score() / cores, ops.error() / cores) : Value.NONE;
    }

    /** Ops per CPU-second, or NaN. */
    double opsPerCpuSecond() {
        return cpuNanos.score() > 0 ? ops.score() / (cpuNanos.score() / 1e9) : Double.NaN;
    }

    @SuppressWarnings("unchecked")
    static Measurement of(Map<String, Object> result) {
        String full = (String) result.get("benchmark");
        int dot = full.lastIndexOf('.');
        String method = full.substring(dot + 1);
        String type = full.substring(full.lastIndexOf('.', dot - 1) + 1, dot);
        Map<String, String> params = new LinkedHashMap<>();
        Object p = result.get("params");
        if (p instanceof Map<?, ?> map) {
            map.forEach((k, v) -> params.put((String) k, String.valueOf(v)));
        }
        Map<String, Object> primary = (Map<String, Object>) result.get("primaryMetric");
        Map<String, Object> secondary = (Map<String, Object>) result.getOrDefault("secondaryMetrics", Map.of());
        Value ops = secondary.containsKey("ops") ? value(secondary.get("ops")) : value(primary);
        int forks = ((Number) result.getOrDefault("forks", 1.0)).intValue();
        int iterations = ((Number) result.getOrDefault("measurementIterations", 1.0)).intValue();
        return new Measurement(type, method, params, ops, value(secondary.get("bytes")),
                value(secondary.get("cpuNanos")), value(secondary.get("activeNanos")), forks * iterations);
    }

    @SuppressWarnings("unchecked")
    private static Value value(Object metric) {
        if (!(metric instanceof Map<?, ?>)) {
            return Value.NONE;
        }
        Map<String, Object> m = (Map<String, Object>) metric;
        // JMH's rawData: per fork, the score of every measurement iteration.
        List<Double> samples = new java.util.ArrayList<>();
        if (m.get("rawData") instanceof List<?> forks) {
            for (Object fork : forks) {
                if (fork instanceof List<?> iterations) {
                    for (Object x : iterations) {
                        samples.add(number(x));
                    }
                }
            }
        }
        if (samples.size() < 2) {
            return new Value(number(m.get("score")), Double.NaN);
        }
        double mean = samples.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double squares = samples.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum();
        return new Value(mean, Math.sqrt(squares / (samples.size() - 1)));
    }

    private static double number(Object o) {
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        if (o instanceof String s) {
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    /** Every result in a JMH JSON file. */
    @SuppressWarnings("unchecked")
    static List<Measurement> parseAll(String json) {
        return ((List<Object>) Json.parse(json)).stream().map(r -> of((Map<String, Object>) r)).toList();
    }
}
