package org.ethercattle.benchmarks.report;

import java.util.List;
import java.util.Locale;

/**
 * Renders a horizontal bar chart of ops/s as a standalone SVG: one bar per row, a whisker for the
 * standard deviation over the measurement iterations, rows grouped by a colour per kind of measurement.
 */
final class ThroughputChart {

    /** One bar: its label, what kind of figure it is (chooses the colour) and the value. */
    record Bar(String label, String kind, Measurement.Value value) {}

    private static final int WIDTH = 960;
    private static final int LABEL_WIDTH = 330;
    private static final int ROW = 22;
    private static final int TOP = 40;
    private static final List<String> KINDS = List.of("ceiling", "replay", "end-to-end", "peer", "capture");
    private static final List<String> COLOURS = List.of("#8c8c8c", "#2b7bba", "#e07b39", "#b2417a", "#4a9a5a");

    private ThroughputChart() {}

    static String render(String title, List<Bar> bars) {
        double max = 1;
        for (Bar bar : bars) {
            double top = bar.value().score() + (Double.isNaN(bar.value().error()) ? 0 : bar.value().error());
            if (!Double.isNaN(top)) {
                max = Math.max(max, top);
            }
        }
        double scale = niceCeiling(max);
        int plot = WIDTH - LABEL_WIDTH - 110;
        int height = TOP + bars.size() * ROW + 70;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, height, WIDTH, height));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"22\" font-size=\"15\" font-weight=\"bold\">%s</text>%n",
                escape(title)));
        for (int t = 0; t <= 4; t++) {
            double v = scale * t / 4;
            int x = LABEL_WIDTH + (int) Math.round(plot * (double) t / 4);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#ddd\"/>%n",
                    x, TOP - 5, x, TOP + bars.size() * ROW));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"#555\">%s</text>%n",
                    x, TOP + bars.size() * ROW + 16, Figures.rate(v)));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"#555\">ops/s"
                + " (puts and deletes per second; whiskers: ± 1 standard deviation)</text>%n", LABEL_WIDTH + plot / 2,
                TOP + bars.size() * ROW + 36));
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            int y = TOP + i * ROW;
            int kind = Math.max(0, KINDS.indexOf(bar.kind()));
            double score = Double.isNaN(bar.value().score()) ? 0 : bar.value().score();
            int w = (int) Math.round(plot * score / scale);
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n",
                    LABEL_WIDTH - 8, y + 15, escape(bar.label())));
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>%n",
                    LABEL_WIDTH, y + 3, Math.max(1, w), ROW - 6, COLOURS.get(kind)));
            double error = bar.value().error();
            if (!Double.isNaN(error) && error > 0) {
                int x1 = LABEL_WIDTH + (int) Math.round(plot * Math.max(0, score - error) / scale);
                int x2 = LABEL_WIDTH + (int) Math.round(plot * (score + error) / scale);
                svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n",
                        x1, y + ROW / 2, x2, y + ROW / 2));
            }
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#333\">%s</text>%n",
                    LABEL_WIDTH + w + 6, y + 15, Figures.rate(score)));
        }
        int legendX = 10;
        int legendY = height - 10;
        for (int k = 0; k < KINDS.size(); k++) {
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"%d\">%s</text>%n", legendX, legendY - 9, COLOURS.get(k), legendX + 14,
                    legendY, KINDS.get(k)));
            legendX += 14 + 8 * KINDS.get(k).length() + 16;
        }
        return svg.append("</svg>\n").toString();
    }

    private static double niceCeiling(double max) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(max)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= max) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
