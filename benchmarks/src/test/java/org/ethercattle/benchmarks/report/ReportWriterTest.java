package org.ethercattle.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ReportWriterTest {

    @Test
    @DisplayName("a new run replaces only the text between the markers; other sections survive")
    void spliceKeepsOtherSections() {
        String doc = "# Benchmarks\n\nintro\n\n" + ReportWriter.BEGIN + "\nold figures\n" + ReportWriter.END
                + "\n\n## Time to ready from a snapshot\n\nlayered figures\n";
        String out = ReportWriter.splice(doc, "new figures\n");
        assertThat(out).contains("intro", "new figures", "## Time to ready from a snapshot", "layered figures")
                .doesNotContain("old figures");
        assertThat(ReportWriter.splice("# Benchmarks\n", "x\n")).endsWith(ReportWriter.BEGIN + "\nx\n" + ReportWriter.END + "\n");
    }

    @Test
    @DisplayName("JMH's JSON is read into ops, bytes and CPU rates with their errors")
    void readsJmhJson() {
        String json = """
                [ { "jmhVersion" : "1.37", "benchmark" : "org.ethercattle.benchmarks.StoreWriteBenchmark.groupCommit",
                    "mode" : "thrpt", "forks" : 1, "measurementIterations" : 3,
                    "params" : { "store" : "memory:" },
                    "primaryMetric" : { "score" : 3.5, "scoreError" : "NaN", "scoreUnit" : "ops/s" },
                    "secondaryMetrics" : {
                      "ops" : { "score" : 300000.0, "scoreError" : 30000.0,
                                "rawData" : [ [ 290000.0, 300000.0, 310000.0 ] ] },
                      "bytes" : { "score" : 3.2E7, "scoreError" : NaN },
                      "cpuNanos" : { "score" : 1.5E9, "scoreError" : 1.0E7 } } } ]
                """;
        List<Measurement> all = Measurement.parseAll(json);
        assertThat(all).hasSize(1);
        Measurement m = all.get(0);
        assertThat(m.benchmark()).isEqualTo("StoreWriteBenchmark");
        assertThat(m.param("store")).isEqualTo("memory:");
        assertThat(m.ops().score()).isEqualTo(300000.0);
        assertThat(m.ops().error()).as("the standard deviation of the iterations, not JMH's interval")
                .isCloseTo(10000.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(m.bytes().error()).isNaN();
        assertThat(m.opsPerCpuSecond()).isEqualTo(200000.0);
        assertThat(m.samples()).isEqualTo(3);
        Measurement.Value ratio = new Measurement.Value(2, 0.2).ratio(new Measurement.Value(4, 0.4));
        assertThat(ratio.score()).isEqualTo(0.5);
        assertThat(ratio.error()).isCloseTo(0.5 * Math.sqrt(0.02), org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    @DisplayName("the replayer's read-ahead is shown as off, a size, or unknown for older results")
    void readAheadLabels() {
        assertThat(Figures.readAhead("0")).isEqualTo("off");
        assertThat(Figures.readAhead("33554432")).isEqualTo("32 MiB");
        assertThat(Figures.readAhead("1000")).isEqualTo("1000 B");
        assertThat(Figures.readAhead("")).isEqualTo("-");
        assertThat(Figures.readAhead("0", "33554432")).isEqualTo("off; 32 MiB in bulk-load mode");
        assertThat(Figures.readAhead("0", "0")).isEqualTo("off");
        assertThat(Figures.readAhead("0", "")).isEqualTo("off");
        assertThat(Figures.readAhead("33554432", "33554432")).isEqualTo("32 MiB");
    }

    @Test
    @DisplayName("chart labels name a store's tuning, leaving out the parameters every row sets")
    void tuningLabels() {
        assertThat(Figures.tuning("rocksdb:{dir}?wal=false")).isEmpty();
        assertThat(Figures.tuning("lmdb:{dir}?mapSize=8g")).isEmpty();
        assertThat(Figures.tuning("memory:")).isEmpty();
        assertThat(Figures.tuning("rocksdb:{dir}?wal=false&l0SlowdownFiles=60&l0StopFiles=80"))
                .isEqualTo(" (l0SlowdownFiles=60, l0StopFiles=80)");
    }

    @Test
    @DisplayName("a fixed set of results renders every section, its figures, ratios and the defaults taken from the benchmarks")
    void rendersEverySectionFromFixedResults(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path results = java.nio.file.Path.of("src/test/resources/report");
        java.nio.file.Path markdown = dir.resolve("benchmarks.md");
        ReportWriter.main(new String[] {"--results", results.resolve("steady.json") + "," + results.resolve("e2e.json"),
            "--markdown", markdown.toString(), "--chart", dir.resolve("chart.svg").toString(), "--size", "small",
            "--load-before", "0.1, 0.2, 0.3", "--load-after", "0.4, 0.5, 0.6"});
        String md = java.nio.file.Files.readString(markdown);
        assertThat(md.lines().filter(line -> line.startsWith("#")).toList()).containsExactly("# Benchmarks",
                "## Results", "### Machine and settings", "### Replay apply path against the store's own ceiling",
                "### Store ceilings: batched writes", "### End-to-end: a cold replica catching up on a pre-filled log",
                "### Capture overhead on the master's write path", "### Codecs", "### Chart");
        assertThat(md).contains(
                "| `rocksdb:{dir}?wal=false` | 1.20 M ± 60 k | cattle | 1.10 M ± 55 k | 32.0 ± 1.6 | 92% ± 6 |",
                "| 0.1, 0.2, 0.3 / 0.4, 0.5, 0.6 |", "| EndToEndReplayBenchmark | 1 | 1 x 4 s | 3 x 4 s | `-Xmx256m` |",
                "cut into the same 8 MiB group commits", "Target: replay >= 90% of the ceiling.",
                "(WAL off, 64 MiB x 4 memtables, LZ4)", "The fork runs with `-Xmx256m`", "below 256 MiB",
                "Kafka -> RocksDB >= 1,000,000 ops/s and >= 2x", "once it has applied 256 MiB",
                "fetching 16 MiB per round trip like Cattle's and polling up to 10,000 records",
                "| 2.10 ± 0.15 |", "off; 32 MiB in bulk-load mode", "Target: <= 10%.", "| 6% ± 7 |",
                "(1 MiB limit)", "![throughput by benchmark](chart.svg)");
        assertThat(java.nio.file.Files.readString(dir.resolve("chart.svg"))).contains("<svg");
    }
}
