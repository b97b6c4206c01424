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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.ethercattle.benchmarks.report.Measurement.Value;

/**
 * Renders a JMH JSON result file into {@code docs/benchmarks.md} and an SVG chart. Only the text between
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
        machine(md, jsons);
        replayVersusCeiling(md);
        ceilings(md);
        endToEnd(md);
        capture(md);
        codecs(md);
        md.append("### Chart\n\n![throughput by benchmark](").append(chartLink).append(")\n\n");
        return md.toString();
    }

    @SuppressWarnings("unchecked")
    private void machine(StringBuilder md, List<String> jsons) {
        md.append("### Machine and settings\n\n");
        md.append("| | |\n|---|---|\n");
        md.append("| CPU | ").append(cpuModel()).append(" |\n");
        md.append("| cores | ").append(Runtime.getRuntime().availableProcessors()).append(" |\n");
        md.append("| memory | ").append(memory()).append(" |\n");
        md.append("| JDK | ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.runtime.version")).append(" |\n");
        md.append("| OS | ").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version"))
                .append(" |\n");
        md.append("| load average (1, 5, 15 min) before / after | ").append(options.getOrDefault("load-before", "?"))
                .append(" / ").append(options.getOrDefault("load-after", loadAverage())).append(" |\n\n");
        md.append("JMH settings per benchmark (forks, warm-up and measurement iterations x time):\n\n");
        md.append("| benchmark | forks | warm-up | measurement | JVM options |\n|---|---|---|---|---|\n");
        Set<String> seen = new LinkedHashSet<>();
        List<Object> all = new ArrayList<>();
        for (String json : jsons) {
            all.addAll((List<Object>) Json.parse(json));
        }
        for (Object o : all) {
            Map<String, Object> r = (Map<String, Object>) o;
            String name = (String) r.get("benchmark");
            String type = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1, name.lastIndexOf('.'));
            if (!seen.add(type)) {
                continue;
            }
            md.append("| ").append(type).append(" | ").append(integer(r.get("forks"))).append(" | ")
                    .append(integer(r.get("warmupIterations"))).append(" x ").append(r.get("warmupTime")).append(" | ")
                    .append(integer(r.get("measurementIterations"))).append(" x ").append(r.get("measurementTime"))
                    .append(" | `").append(String.join(" ", (List<String>) (List<?>) r.getOrDefault("jvmArgs", List.of())))
                    .append("` |\n");
        }
        md.append('\n');
    }

    private void replayVersusCeiling(StringBuilder md) {
        List<Measurement> apply = select(m -> m.benchmark().equals("ReplayApplyBenchmark"));
        if (apply.isEmpty()) {
            return;
        }
        md.append("### Replay apply path against the store's own ceiling\n\n");
        md.append("The same geth-shaped ops, cut into the same 8 MiB group commits. Ceiling: `StoreWriteBenchmark`"
                + " (a loop of batch writes through the `Database` API). Replay: `ReplayApplyBenchmark`, a"
                + " `Replayer` fed by a log that always has entries ready; `predecoded` hands it records already"
                + " in memory (apply path alone: sequence check, head guard, group commit with checkpoint),"
                + " `cattle` hands it cattle/1 messages (decoding included). Target: replay >= 90% of the"
                + " ceiling.\n\n");
        md.append("| store | ceiling ops/s | input | replay ops/s | replay MB/s | replay / ceiling | ops/CPU-s"
                + " (ceiling -> replay) | ratio per CPU-s | n |\n|---|---:|---|---:|---:|---:|---:|---:|---:|\n");
        for (Measurement m : apply) {
            Measurement ceiling = find("StoreWriteBenchmark", "store", m.param("store"));
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

    private void ceilings(StringBuilder md) {
        List<Measurement> stores = select(m -> m.benchmark().equals("StoreWriteBenchmark")
                || m.benchmark().equals("RawRocksDbWriteBenchmark"));
        if (stores.isEmpty()) {
            return;
        }
        md.append("### Store ceilings: batched writes\n\n");
        md.append("Loops of 8 MiB batches of the geth-shaped ops. `raw rocksdbjni` writes them with plain"
                + " `org.rocksdb.WriteBatch` calls (WAL off, 64 MiB x 4 memtables, LZ4), `sorted=true` sorting each"
                + " batch by key first (inside the timing): RocksDB's own ceiling without Cattle.\n\n");
        md.append("| store | ops/s | MB/s | ops/CPU-s | n |\n|---|---:|---:|---:|---:|\n");
        for (Measurement m : stores) {
            String label = m.benchmark().equals("RawRocksDbWriteBenchmark")
                    ? "raw rocksdbjni, WAL off, sorted=" + m.param("sorted") : "`" + m.param("store") + "`";
            md.append("| ").append(label).append(" | ").append(withError(m.ops())).append(" | ").append(mb(m.bytes()))
                    .append(" | ").append(rate(m.opsPerCpuSecond())).append(" | ").append(m.samples()).append(" |\n");
        }
        md.append('\n');
    }

    private void endToEnd(StringBuilder md) {
        List<Measurement> e2e = select(m -> m.benchmark().equals("EndToEndReplayBenchmark"));
        List<Measurement> peer = select(m -> m.benchmark().equals("KafkaStreamsRestoreBenchmark"));
        if (e2e.isEmpty() && peer.isEmpty()) {
            return;
        }
        md.append("### End-to-end: a cold replica catching up on a pre-filled log\n\n");
        md.append("`EndToEndReplayBenchmark`: the log holds `blocks` geth-shaped blocks (one cattle record each);"
                + " each measured invocation opens an empty store, replays to the log's end and commits. The"
                + " fork runs with `-Xmx256m`, so a completed run shows the replica's heap stayed below 256 MiB."
                + " Targets: Kafka -> RocksDB >= 1,000,000 ops/s and >= 2x the Kafka Streams restore of the same"
                + " data.\n\n");
        md.append("| log | store | read-ahead | blocks | ops/s | MB/s | / store ceiling | / peer | ops/CPU-s | n |\n"
                + "|---|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Measurement m : e2e) {
            Measurement ceiling = find("StoreWriteBenchmark", "store", m.param("store"));
            String scheme = m.param("log").contains(":") ? m.param("log").substring(0, m.param("log").indexOf(':')) : "";
            // Against the fastest peer configuration measured for the same data: the stricter comparison.
            Measurement peerRun = peer.stream().filter(p -> m.param("store").startsWith("rocksdb")
                    && p.param("log").startsWith(scheme) && p.param("blocks").equals(m.param("blocks")))
                    .max(java.util.Comparator.comparingDouble(p -> p.activeOps().score())).orElse(null);
            md.append("| `").append(m.param("log")).append("` | `").append(m.param("store")).append("` | ")
                    .append(readAhead(m.param("readAheadBytes"), m.param("catchUpReadAheadBytes"))).append(" | ")
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
                + " applied 256 MiB and the store is in bulk-load mode.\n");
        if (!peer.isEmpty()) {
            md.append("\"/ peer\" compares with the peer's restore alone (from its first to its last restored"
                    + " batch, without the application's start and group join), and with the faster of the peer's"
                    + " configurations measured (`defaults`: Kafka Streams as shipped; `tuned`: its restore consumer"
                    + " fetching 16 MiB per round trip like Cattle's and polling up to 10,000 records): the stricter"
                    + " comparison for Cattle.\n");
        }
        md.append('\n');
    }

    private void capture(StringBuilder md) {
        List<Measurement> capture = select(m -> m.benchmark().equals("CaptureBenchmark"));
        if (capture.isEmpty()) {
            return;
        }
        md.append("### Capture overhead on the master's write path\n\n");
        md.append("`CaptureBenchmark`: one geth-shaped block (~950 ops, ~100 KiB) written as one batch per"
                + " invocation, into the bare store (`none`) or through `CapturingDatabase` (encode, append to the"
                + " log, then write locally). Overhead = 1 - captured / bare. Target: <= 10%.\n\n");
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

    private void codecs(StringBuilder md) {
        List<Measurement> codecs = select(m -> m.benchmark().equals("CodecBenchmark"));
        if (codecs.isEmpty()) {
            return;
        }
        md.append("### Codecs\n\n");
        md.append("`CodecBenchmark`: one geth-shaped block per invocation, encoded into the messages a master"
                + " appends (1 MiB limit) or decoded back into a record by a long-lived decoder.\n\n");
        md.append("| codec | direction | ops/s | MB/s | n |\n|---|---|---:|---:|---:|\n");
        for (Measurement m : codecs) {
            md.append("| ").append(m.param("codec")).append(" | ").append(m.method()).append(" | ")
                    .append(withError(m.ops())).append(" | ").append(mb(m.bytes())).append(" | ").append(m.samples())
                    .append(" |\n");
        }
        md.append('\n');
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
                    label = short_(m.param("store")) + " ceiling";
                }
                case "ReplayApplyBenchmark" -> {
                    kind = "replay";
                    label = short_(m.param("store")) + " replay (" + m.param("input") + ")";
                }
                case "EndToEndReplayBenchmark" -> {
                    kind = "end-to-end";
                    label = short_(m.param("log")) + " -> " + short_(m.param("store")) + tuning(m.param("store"))
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
                    label = "master " + short_(m.param("store")) + " + log " + short_(m.param("log"));
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

    /** The replayer's read-ahead setting as the report shows it: {@code off}, a size, or {@code -} when unknown. */
    static String readAhead(String bytes) {
        if (bytes.isEmpty()) {
            return "-";
        }
        long value = Long.parseLong(bytes);
        if (value == 0) {
            return "off";
        }
        return size(value);
    }

    /**
     * The read-ahead column: {@code readAheadBytes}, and when that is off the read-ahead a catch-up starts in
     * bulk-load mode ({@code catchUpReadAheadBytes}; results from before that parameter have none).
     */
    static String readAhead(String bytes, String catchUpBytes) {
        String always = readAhead(bytes);
        if (!"off".equals(always) || catchUpBytes.isEmpty() || Long.parseLong(catchUpBytes) == 0) {
            return always;
        }
        return "off; " + size(Long.parseLong(catchUpBytes)) + " in bulk-load mode";
    }

    /** The chart label's read-ahead suffix: empty when the log is always read ahead. */
    private static String readAheadLabel(Measurement m) {
        if (!"0".equals(m.param("readAheadBytes"))) {
            return "";
        }
        String catchUp = m.param("catchUpReadAheadBytes");
        return catchUp.isEmpty() || "0".equals(catchUp) ? ", no read-ahead" : ", read-ahead in bulk-load mode only";
    }

    private static String size(long bytes) {
        return bytes % (1 << 20) == 0 ? (bytes >> 20) + " MiB" : bytes + " B";
    }

    /**
     * A store spec's tuning, for chart labels: its parameters other than those every store row of the
     * report sets ({@code wal}, {@code mapSize}), e.g. {@code " (compaction=universal)"}; empty when none.
     */
    static String tuning(String spec) {
        int query = spec.indexOf('?');
        if (query < 0) {
            return "";
        }
        String params = java.util.Arrays.stream(spec.substring(query + 1).split("&"))
                .filter(p -> !p.startsWith("wal=") && !p.startsWith("mapSize="))
                .collect(java.util.stream.Collectors.joining(", "));
        return params.isEmpty() ? "" : " (" + params + ")";
    }

    /** A spec's scheme, e.g. {@code rocksdb} for {@code rocksdb:{dir}?wal=false}. */
    private static String short_(String spec) {
        int colon = spec.indexOf(':');
        return colon < 0 ? spec : spec.substring(0, colon);
    }

    private List<Measurement> select(Predicate<Measurement> filter) {
        return results.stream().filter(filter).toList();
    }

    private Measurement find(String benchmark, String param, String value) {
        return results.stream().filter(m -> m.benchmark().equals(benchmark) && m.param(param).equals(value))
                .findFirst().orElse(null);
    }

    static String rate(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        if (v >= 1e6) {
            return String.format(Locale.ROOT, "%.2f M", v / 1e6);
        }
        if (v >= 1e3) {
            return String.format(Locale.ROOT, "%.0f k", v / 1e3);
        }
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String withError(Value v) {
        return rate(v.score()) + (Double.isNaN(v.error()) ? "" : " ± " + rate(v.error()));
    }

    private static String mb(Value v) {
        return Double.isNaN(v.score()) ? "-" : String.format(Locale.ROOT, "%.1f", v.score() / 1e6)
                + (Double.isNaN(v.error()) ? "" : String.format(Locale.ROOT, " ± %.1f", v.error() / 1e6));
    }

    private static String percent(Value v) {
        return String.format(Locale.ROOT, "%.0f%%", v.score() * 100)
                + (Double.isNaN(v.error()) ? "" : String.format(Locale.ROOT, " ± %.0f", v.error() * 100));
    }

    private static String ratio(Value v) {
        return String.format(Locale.ROOT, "%.2f", v.score())
                + (Double.isNaN(v.error()) ? "" : String.format(Locale.ROOT, " ± %.2f", v.error()));
    }

    private static String integer(Object o) {
        return o instanceof Number n ? String.valueOf(n.intValue()) : String.valueOf(o);
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux: the JDK's description below is all there is.
        }
        return System.getProperty("os.arch");
    }

    private static String memory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return String.format(Locale.ROOT, "%.1f GiB", kib / 1024.0 / 1024.0);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux.
        }
        return "?";
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + ", " + parts[1] + ", " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }
}
