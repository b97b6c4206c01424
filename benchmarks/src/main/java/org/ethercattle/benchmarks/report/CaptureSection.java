package org.ethercattle.benchmarks.report;

import static org.ethercattle.benchmarks.report.Figures.mb;
import static org.ethercattle.benchmarks.report.Figures.percent;
import static org.ethercattle.benchmarks.report.Figures.rate;
import static org.ethercattle.benchmarks.report.Figures.withError;

import java.util.List;
import org.ethercattle.benchmarks.report.Measurement.Value;

/** {@code CaptureBenchmark}: a master's writes through change capture against the bare store. */
final class CaptureSection implements ReportSection {

    @Override
    public void render(Results results, StringBuilder md) {
        List<Measurement> capture = results.of("CaptureBenchmark");
        if (capture.isEmpty()) {
            return;
        }
        md.append("### Capture overhead on the master's write path\n\n");
        md.append("`CaptureBenchmark`: one geth-shaped block (~950 ops, ~100 KiB) written as one batch per"
                + " invocation, into the bare store (`none`) or through `CapturingDatabase` (encode, append to the"
                + " log, then write locally). Overhead = 1 - captured / bare. Target: <= ")
                .append(percent(Targets.CAPTURE_OVERHEAD)).append(".\n\n");
        md.append("| store | log | ops/s | MB/s | overhead | ops/CPU-s | n |\n|---|---|---:|---:|---:|---:|---:|\n");
        for (Measurement m : capture) {
            Measurement bare = capture.stream().filter(b -> b.param("store").equals(m.param("store"))
                    && b.param("log").equals("none")).findFirst().orElse(null);
            String overhead = "-";
            if (bare != null && !m.param("log").equals("none")) {
                Value r = m.ops().ratio(bare.ops());
                overhead = percent(new Value(1 - r.score(), r.error()));
            }
            md.append("| `").append(m.param("store")).append("` | `").append(m.param("log")).append("` | ")
                    .append(withError(m.ops())).append(" | ").append(mb(m.bytes())).append(" | ").append(overhead)
                    .append(" | ").append(rate(m.opsPerCpuSecond())).append(" | ").append(m.samples()).append(" |\n");
        }
        md.append('\n');
    }
}
