package org.ethercattle.benchmarks.report;

import static org.ethercattle.benchmarks.report.Figures.mb;
import static org.ethercattle.benchmarks.report.Figures.withError;

import java.util.List;
import org.ethercattle.benchmarks.CodecBenchmark;

/** {@code CodecBenchmark}: encoding and decoding one block. */
final class CodecsSection implements ReportSection {

    @Override
    public void render(Results results, StringBuilder md) {
        List<Measurement> codecs = results.of("CodecBenchmark");
        if (codecs.isEmpty()) {
            return;
        }
        md.append("### Codecs\n\n");
        md.append("`CodecBenchmark`: one geth-shaped block per invocation, encoded into the messages a master"
                + " appends (").append(Figures.size(CodecBenchmark.MAX_MESSAGE_BYTES))
                .append(" limit) or decoded back into a record by a long-lived decoder.\n\n");
        md.append("| codec | direction | ops/s | MB/s | n |\n|---|---|---:|---:|---:|\n");
        for (Measurement m : codecs) {
            md.append("| ").append(m.param("codec")).append(" | ").append(m.method()).append(" | ")
                    .append(withError(m.ops())).append(" | ").append(mb(m.bytes())).append(" | ").append(m.samples())
                    .append(" |\n");
        }
        md.append('\n');
    }
}
