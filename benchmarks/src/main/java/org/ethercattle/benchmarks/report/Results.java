package org.ethercattle.benchmarks.report;

import java.util.List;
import java.util.function.Predicate;

/** The measurements of one benchmark run, as the report's sections look them up. */
record Results(List<Measurement> all) {

    /** The measurements {@code filter} accepts, in the run's order. */
    List<Measurement> select(Predicate<Measurement> filter) {
        return all.stream().filter(filter).toList();
    }

    /** The measurements of {@code benchmark}, in the run's order. */
    List<Measurement> of(String benchmark) {
        return select(m -> m.benchmark().equals(benchmark));
    }

    /** The first measurement of {@code benchmark} whose {@code param} is {@code value}, or {@code null}. */
    Measurement find(String benchmark, String param, String value) {
        return all.stream().filter(m -> m.benchmark().equals(benchmark) && m.param(param).equals(value))
                .findFirst().orElse(null);
    }
}
