package org.ethercattle.benchmarks.report;

import static org.ethercattle.benchmarks.report.Figures.integer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The machine the run took place on, its load, and each benchmark's JMH settings as the result files give them. */
final class MachineSection implements ReportSection {

    private final List<String> jsons;
    private final Map<String, String> options;

    MachineSection(List<String> jsons, Map<String, String> options) {
        this.jsons = jsons;
        this.options = options;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void render(Results results, StringBuilder md) {
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
