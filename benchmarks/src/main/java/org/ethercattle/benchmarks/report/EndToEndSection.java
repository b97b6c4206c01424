package org.ethercattle.benchmarks.report;

import static org.ethercattle.benchmarks.report.Figures.mb;
import static org.ethercattle.benchmarks.report.Figures.percent;
import static org.ethercattle.benchmarks.report.Figures.rate;
import static org.ethercattle.benchmarks.report.Figures.ratio;
import static org.ethercattle.benchmarks.report.Figures.withError;

import java.util.Comparator;
import java.util.List;
import org.ethercattle.benchmarks.EndToEndReplayBenchmark;
import org.ethercattle.benchmarks.KafkaStreamsRestoreBenchmark;
import org.ethercattle.core.replay.Replayer;

/** {@code EndToEndReplayBenchmark}'s cold catch-ups beside the Kafka Streams restore of the same data. */
final class EndToEndSection implements ReportSection {

    @Override
    public void render(Results results, StringBuilder md) {
        List<Measurement> e2e = results.of("EndToEndReplayBenchmark");
        List<Measurement> peer = results.of("KafkaStreamsRestoreBenchmark");
        if (e2e.isEmpty() && peer.isEmpty()) {
            return;
        }
        int heap = EndToEndReplayBenchmark.HEAP_MIB;
        md.append("### End-to-end: a cold replica catching up on a pre-filled log\n\n");
        md.append("`EndToEndReplayBenchmark`: the log holds `blocks` geth-shaped blocks (one cattle record each);"
                + " each measured invocation opens an empty store, replays to the log's end and commits. The"
                + " fork runs with `-Xmx" + heap + "m`, so a completed run shows the replica's heap stayed below "
                + heap + " MiB. Targets: Kafka -> RocksDB >= " + Figures.count(Targets.END_TO_END_OPS)
                + " ops/s and >= " + String.format(java.util.Locale.ROOT, "%.0f", Targets.END_TO_END_OVER_PEER)
                + "x the Kafka Streams restore of the same data.\n\n");
        md.append("| log | store | read-ahead | blocks | ops/s | MB/s | / store ceiling | / peer | ops/CPU-s | n |\n"
                + "|---|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Measurement m : e2e) {
            Measurement ceiling = results.find("StoreWriteBenchmark", "store", m.param("store"));
            String scheme = m.param("log").contains(":") ? m.param("log").substring(0, m.param("log").indexOf(':')) : "";
            // Against the fastest peer configuration measured for the same data: the stricter comparison.
            Measurement peerRun = peer.stream().filter(p -> m.param("store").startsWith("rocksdb")
                    && p.param("log").startsWith(scheme) && p.param("blocks").equals(m.param("blocks")))
                    .max(Comparator.comparingDouble(p -> p.activeOps().score())).orElse(null);
            md.append("| `").append(m.param("log")).append("` | `").append(m.param("store")).append("` | ")
                    .append(Figures.readAhead(m.param("readAheadBytes"), m.param("catchUpReadAheadBytes")))
                    .append(" | ")
                    .append(m.param("blocks")).append(" | ").append(withError(m.ops())).append(" | ").append(mb(m.bytes()))
                    .append(" | ").append(ceiling == null ? "-" : percent(m.ops().ratio(ceiling.ops()))).append(" | ")
                    .append(peerRun == null ? "-" : ratio(m.ops().ratio(peerRun.activeOps()))).append(" | ")
                    .append(rate(m.opsPerCpuSecond())).append(" | ").append(m.samples()).append(" |\n");
        }
        for (Measurement p : peer) {
            String config = p.param("restoreConsumer").isEmpty() ? "" : ", " + p.param("restoreConsumer");
            md.append("| `").append(p.param("log")).append("` | Kafka Streams restore (peer").append(config)
                    .append("), restore only | - | ")
                    .append(p.param("blocks")).append(" | ").append(withError(p.activeOps())).append(" | - | - | 1.00 | - | ")
                    .append(p.samples()).append(" |\n");
            md.append("| `").append(p.param("log")).append("` | Kafka Streams restore (peer").append(config)
                    .append("), with start-up | - | ")
                    .append(p.param("blocks")).append(" | ").append(withError(p.ops())).append(" | ").append(mb(p.bytes()))
                    .append(" | - | - | ").append(rate(p.opsPerCpuSecond())).append(" | ").append(p.samples()).append(" |\n");
        }
        md.append("\n\"read-ahead\" is the replayer's `readAheadBytes`: the log polled on a background thread with"
                + " up to that much waiting, or `off` (polled on the replay thread between decoding and writes);"
                + " \"in bulk-load mode\" is its `catchUpReadAheadBytes`, the read-ahead a catch-up starts once it has"
                + " applied " + Figures.size(Replayer.Builder.DEFAULT_BULK_LOAD_AFTER_BYTES)
                + " and the store is in bulk-load mode.\n");
        if (!peer.isEmpty()) {
            md.append("\"/ peer\" compares with the peer's restore alone (from its first to its last restored"
                    + " batch, without the application's start and group join), and with the faster of the peer's"
                    + " configurations measured (`defaults`: Kafka Streams as shipped; `tuned`: its restore consumer"
                    + " fetching " + Figures.size(KafkaStreamsRestoreBenchmark.TUNED_FETCH_BYTES)
                    + " per round trip like Cattle's and polling up to "
                    + Figures.count(KafkaStreamsRestoreBenchmark.TUNED_POLL_RECORDS) + " records): the stricter"
                    + " comparison for Cattle.\n");
        }
        md.append('\n');
    }
}
