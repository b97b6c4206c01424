package org.ethercattle.benchmarks.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a JMH JSON result file into {@code docs/benchmarks.md} and an SVG chart: the introduction and the
 * chart here, each table in its {@link ReportSection}. Only the text between
 * {@link #BEGIN} and {@link #END} is replaced, so hand-written sections before and after (and other
 * helpers' sections, such as "Time to ready from a snapshot") survive every run. Every figure in the
 * tables comes from the result file; ratios are between figures of the same run.
 *
 * <p>Usage: {@code ReportWriter --results FILE[,FILE...] --markdown FILE --chart FILE [--size NAME]
 * [--load-before TEXT] [--load-after TEXT]} (load averages; "after" defaults to the current one).
 */
public final class ReportWriter {

    static final String BEGIN = "<!-- benchmark-results:begin (written by benchmarks/run; edits here are overwritten) -->";
    static final String END = "<!-- benchmark-results:end -->";

    private final List<Measurement> results;
    private final Map<String, String> options;

    private ReportWriter(List<Measurement> results, Map<String, String> options) {
        this.results = results;
        this.options = options;
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        for (String required : List.of("results", "markdown", "chart")) {
            if (!options.containsKey(required)) {
                throw new IllegalArgumentException("missing --" + required + "; usage: ReportWriter --results"
                        + " results.json --markdown docs/benchmarks.md --chart docs/benchmarks-throughput.svg");
            }
        }
        List<Measurement> results = new ArrayList<>();
        List<String> jsons = new ArrayList<>();
        for (String file : options.get("results").split(",")) {
            String json = Files.readString(Path.of(file), StandardCharsets.UTF_8);
            jsons.add(json);
            results.addAll(Measurement.parseAll(json));
        }
        ReportWriter writer = new ReportWriter(results, options);
        Path markdown = Path.of(options.get("markdown"));
        Path chart = Path.of(options.get("chart"));
        Files.writeString(chart, ThroughputChart.render("Cattle replay throughput, geth-shaped ops (" + writer.when()
                + ")", writer.bars()), StandardCharsets.UTF_8);
        String existing = Files.exists(markdown) ? Files.readString(markdown, StandardCharsets.UTF_8) : "# Benchmarks\n\n";
        Files.writeString(markdown, splice(existing, writer.render(jsons, markdown.getParent().relativize(chart)
                .toString())), StandardCharsets.UTF_8);
        System.out.println("wrote " + markdown + " and " + chart + " from " + writer.results.size() + " results");
    }

    /** {@code existing} with the text between the markers replaced (markers appended when absent). */
    static String splice(String existing, String body) {
        int begin = existing.indexOf(BEGIN);
        int end = existing.indexOf(END);
        String block = BEGIN + "\n" + body + END;
        if (begin < 0 || end < begin) {
            return existing + (existing.endsWith("\n") ? "\n" : "\n\n") + block + "\n";
        }
        return existing.substring(0, begin) + block + existing.substring(end + END.length());
    }

    private String when() {
        return ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
    }

    String render(List<String> jsons, String chartLink) {
        StringBuilder md = new StringBuilder();
        md.append("## Results\n\n");
        md.append("Run ").append(when()).append(", size `").append(options.getOrDefault("size", "?"))
                .append("`. Rates are puts and deletes per second (ops/s) and key plus value bytes per second"
                        + " (MB/s, 10^6 bytes): mean ± standard deviation over the measurement iterations (`n` ="
                        + " iterations x forks), not JMH's 99.9% interval, whose Student-t factor with n = 3 (31.6)"
                        + " makes it wider than the figures; the raw JSON in benchmarks/target/results has both."
                        + " Ratios are between figures of this run, their relative deviations combined. \"ops/CPU-s\" divides ops/s by"
                        + " the cores the whole benchmark process kept busy (RocksDB's native background threads"
                        + " and the GC included): it moves less than ops/s when other work shares the machine.\n\n");
        Results run = new Results(results);
        List<ReportSection> sections = List.of(new MachineSection(jsons, options), new ReplayVersusCeilingSection(),
                new CeilingsSection(), new EndToEndSection(), new CaptureSection(), new CodecsSection());
        for (ReportSection section : sections) {
            section.render(run, md);
        }
        md.append("### Chart\n\n![throughput by benchmark](").append(chartLink).append(")\n\n");
        return md.toString();
    }

    List<ThroughputChart.Bar> bars() {
        List<ThroughputChart.Bar> bars = new ArrayList<>();
        for (Measurement m : results) {
            String kind;
            String label;
            switch (m.benchmark()) {
                case "RawRocksDbWriteBenchmark" -> {
                    kind = "ceiling";
                    label = "rocksdbjni raw" + ("true".equals(m.param("sorted")) ? ", sorted" : "");
                }
                case "StoreWriteBenchmark" -> {
                    kind = "ceiling";
                    label = Figures.scheme(m.param("store")) + " ceiling";
                }
                case "ReplayApplyBenchmark" -> {
                    kind = "replay";
                    label = Figures.scheme(m.param("store")) + " replay (" + m.param("input") + ")";
                }
                case "EndToEndReplayBenchmark" -> {
                    kind = "end-to-end";
                    label = Figures.scheme(m.param("log")) + " -> " + Figures.scheme(m.param("store")) + Figures.tuning(m.param("store"))
                            + " cold, "
                            + m.param("blocks")
                            + " blocks" + readAheadLabel(m);
                }
                case "KafkaStreamsRestoreBenchmark" -> {
                    kind = "peer";
                    label = "Kafka Streams restore (peer" + (m.param("restoreConsumer").isEmpty() ? ""
                            : ", " + m.param("restoreConsumer")) + "), " + m.param("blocks") + " blocks";
                }
                case "CaptureBenchmark" -> {
                    kind = "capture";
                    label = "master " + Figures.scheme(m.param("store")) + " + log " + Figures.scheme(m.param("log"));
                }
                default -> {
                    // Codec rates (millions of ops/s, nothing written) would flatten every other bar.
                    continue;
                }
            }
            bars.add(new ThroughputChart.Bar(label, kind, kind.equals("peer") ? m.activeOps() : m.ops()));
        }
        // Each store's ceiling, replay and end-to-end bars next to each other; codecs and capture last.
        bars.sort(java.util.Comparator.comparing((ThroughputChart.Bar b) -> group(b))
                .thenComparing(b -> List.of("ceiling", "replay", "end-to-end", "peer").indexOf(b.kind())));
        return bars;
    }

    private static String group(ThroughputChart.Bar bar) {
        return switch (bar.kind()) {
            case "codec" -> "~2";
            case "capture" -> "~1";
            case "peer" -> "rocksdb";
            default -> bar.label().startsWith("rocksdbjni") ? "rocksdb"
                    : bar.label().contains("-> ") ? bar.label().substring(bar.label().indexOf("-> ") + 3)
                    : bar.label().split(" ")[0];
        };
    }

    /** The chart label's read-ahead suffix: empty when the log is always read ahead. */
    private static String readAheadLabel(Measurement m) {
        if (!"0".equals(m.param("readAheadBytes"))) {
            return "";
        }
        String catchUp = m.param("catchUpReadAheadBytes");
        return catchUp.isEmpty() || "0".equals(catchUp) ? ", no read-ahead" : ", read-ahead in bulk-load mode only";
    }
}
