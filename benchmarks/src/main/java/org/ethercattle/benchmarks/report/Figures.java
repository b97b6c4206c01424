package org.ethercattle.benchmarks.report;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.ethercattle.benchmarks.report.Measurement.Value;

/** How the report writes its figures, settings and spec labels: one format for every section and the chart. */
final class Figures {

    private Figures() {}

    /** A rate with a unit prefix: {@code 1.20 M}, {@code 733 k}, {@code 12.5}; {@code -} for NaN. */
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

    /** A rate and its standard deviation, e.g. {@code 1.20 M ± 60 k}. */
    static String withError(Value v) {
        return rate(v.score()) + (Double.isNaN(v.error()) ? "" : " ± " + rate(v.error()));
    }

    /** Bytes per second as MB/s (10^6 bytes) with the deviation. */
    static String mb(Value v) {
        return Double.isNaN(v.score()) ? "-" : String.format(Locale.ROOT, "%.1f", v.score() / 1e6)
                + (Double.isNaN(v.error()) ? "" : String.format(Locale.ROOT, " ± %.1f", v.error() / 1e6));
    }

    /** A ratio as a percentage with the deviation, e.g. {@code 92% ± 6}. */
    static String percent(Value v) {
        return percent(v.score())
                + (Double.isNaN(v.error()) ? "" : String.format(Locale.ROOT, " ± %.0f", v.error() * 100));
    }

    /** A share as a whole percentage, e.g. {@code 90%}. */
    static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f%%", share * 100);
    }

    /** A ratio with two decimals and the deviation, e.g. {@code 2.10 ± 0.15}. */
    static String ratio(Value v) {
        return String.format(Locale.ROOT, "%.2f", v.score())
                + (Double.isNaN(v.error()) ? "" : String.format(Locale.ROOT, " ± %.2f", v.error()));
    }

    /** A count with thousands separators, e.g. {@code 1,000,000}. */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A JSON number as an integer. */
    static String integer(Object o) {
        return o instanceof Number n ? String.valueOf(n.intValue()) : String.valueOf(o);
    }

    /** A size in MiB when it is whole MiB, else in bytes: {@code 8 MiB}, {@code 1000 B}. */
    static String size(long bytes) {
        return bytes % (1 << 20) == 0 ? (bytes >> 20) + " MiB" : bytes + " B";
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

    /**
     * A store spec's tuning, for chart labels: its parameters other than those every store row of the
     * report sets ({@code wal}, {@code mapSize}), e.g. {@code " (compaction=universal)"}; empty when none.
     */
    static String tuning(String spec) {
        int query = spec.indexOf('?');
        if (query < 0) {
            return "";
        }
        String params = Arrays.stream(spec.substring(query + 1).split("&"))
                .filter(p -> !p.startsWith("wal=") && !p.startsWith("mapSize="))
                .collect(Collectors.joining(", "));
        return params.isEmpty() ? "" : " (" + params + ")";
    }

    /** A spec's scheme, e.g. {@code rocksdb} for {@code rocksdb:{dir}?wal=false}. */
    static String scheme(String spec) {
        int colon = spec.indexOf(':');
        return colon < 0 ? spec : spec.substring(0, colon);
    }
}
