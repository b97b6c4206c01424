package org.ethercattle.benchmarks.report;

/** One {@code ###} section of the results in docs/benchmarks.md; renders nothing when its benchmarks did not run. */
interface ReportSection {

    /** Appends this section's heading, text and table for {@code results} to {@code md}. */
    void render(Results results, StringBuilder md);
}
