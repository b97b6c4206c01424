package org.ethercattle.benchmarks.report;

import static org.ethercattle.benchmarks.report.Figures.mb;
import static org.ethercattle.benchmarks.report.Figures.percent;
import static org.ethercattle.benchmarks.report.Figures.rate;
import static org.ethercattle.benchmarks.report.Figures.withError;

import java.util.List;
import org.ethercattle.benchmarks.StoreWriteBenchmark;

/** {@code ReplayApplyBenchmark} beside {@code StoreWriteBenchmark} for the same store. */
final class ReplayVersusCeilingSection implements ReportSection {

    @Override
    public void render(Results results, StringBuilder md) {
        List<Measurement> apply = results.of("ReplayApplyBenchmark");
        if (apply.isEmpty()) {
            return;
        }
        md.append("### Replay apply path against the store's own ceiling\n\n");
        md.append("The same geth-shaped ops, cut into the same ")
                .append(Figures.size(Long.parseLong(StoreWriteBenchmark.BATCH_BYTES)))
                .append(" group commits. Ceiling: `StoreWriteBenchmark`"
                + " (a loop of batch writes through the `Database` API). Replay: `ReplayApplyBenchmark`, a"
                + " `Replayer` fed by a log that always has entries ready; `predecoded` hands it records already"
                + " in memory (apply path alone: sequence check, head guard, group commit with checkpoint),"
                + " `cattle` hands it cattle/1 messages (decoding included). Target: replay >= ")
                .append(percent(Targets.REPLAY_OF_CEILING)).append(" of the ceiling.\n\n");
        md.append("| store | ceiling ops/s | input | replay ops/s | replay MB/s | replay / ceiling | ops/CPU-s"
                + " (ceiling -> replay) | ratio per CPU-s | n |\n|---|---:|---|---:|---:|---:|---:|---:|---:|\n");
        for (Measurement m : apply) {
            Measurement ceiling = results.find("StoreWriteBenchmark", "store", m.param("store"));
            md.append("| `").append(m.param("store")).append("` | ")
                    .append(ceiling == null ? "-" : withError(ceiling.ops())).append(" | ").append(m.param("input"))
                    .append(" | ").append(withError(m.ops())).append(" | ").append(mb(m.bytes())).append(" | ")
                    .append(ceiling == null ? "-" : percent(m.ops().ratio(ceiling.ops()))).append(" | ")
                    .append(ceiling == null ? "" : rate(ceiling.opsPerCpuSecond()) + " -> ")
                    .append(rate(m.opsPerCpuSecond())).append(" | ")
                    .append(ceiling == null ? "-" : percent(m.opsPerCpu().ratio(ceiling.opsPerCpu()))).append(" | ")
                    .append(m.samples()).append(" |\n");
        }
        md.append('\n');
    }
}
