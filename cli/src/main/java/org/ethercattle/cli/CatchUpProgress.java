package org.ethercattle.cli;

import java.io.PrintWriter;
import java.util.function.Supplier;
import org.ethercattle.core.replay.ReplayStats;
import org.ethercattle.core.status.ReplicaMonitor;

/**
 * Shows a replica's catch-up: on a terminal, a progress bar redrawn every tick with the share done, the
 * rate and an ETA; otherwise (a log file, journald) one line every {@link #LINE_EVERY_TICKS} ticks. Driven
 * by the replica's once-a-second ticker thread only.
 */
final class CatchUpProgress {

    /** Ticks (seconds) between two log lines when the output is not a terminal. */
    static final int LINE_EVERY_TICKS = 5;
    private static final int BAR_WIDTH = 30;

    private final PrintWriter out;
    private final boolean terminal;
    private final ReplicaMonitor monitor;
    private final Supplier<ReplayStats> stats;
    private final Long total;
    private final long startNanos = System.nanoTime();
    private long lastNanos = startNanos;
    private Long lastRemaining;
    private long lastBytes;
    private double entriesPerSecond = Double.NaN;
    private double bytesPerSecond;
    private int ticks;
    private boolean barDrawn;
    private int lastLineLength;

    CatchUpProgress(PrintWriter out, boolean terminal, ReplicaMonitor monitor, Supplier<ReplayStats> stats) {
        this.out = out;
        this.terminal = terminal;
        this.monitor = monitor;
        this.stats = stats;
        this.total = monitor.entriesToInitialEnd();
        this.lastRemaining = total;
    }

    /** Updates the rates and draws the bar or, every few ticks, prints a line. */
    void tick() {
        long now = System.nanoTime();
        Long remaining = monitor.entriesToInitialEnd();
        long bytes = stats.get().bytesApplied();
        double seconds = Math.max(1e-3, (now - lastNanos) / 1e9);
        if (remaining != null && lastRemaining != null) {
            entriesPerSecond = smooth(entriesPerSecond, Math.max(0, lastRemaining - remaining) / seconds);
        }
        bytesPerSecond = smooth(bytesPerSecond, (bytes - lastBytes) / seconds);
        lastNanos = now;
        lastRemaining = remaining;
        lastBytes = bytes;
        ticks++;
        if (terminal) {
            String line = bar(remaining) + describe(remaining);
            // pad over the end of a longer previous line
            out.print("\r" + line + " ".repeat(Math.max(0, lastLineLength - line.length())));
            lastLineLength = line.length();
            out.flush();
            barDrawn = true;
        } else if (ticks % LINE_EVERY_TICKS == 0) {
            out.println("replica: catching up: " + describe(remaining));
            out.flush();
        }
    }

    /** Ends the bar's line, so the next output starts on its own line. */
    void finish() {
        if (barDrawn) {
            out.println();
            out.flush();
            barDrawn = false;
        }
    }

    private String bar(Long remaining) {
        if (total == null || remaining == null || total == 0) {
            return "";
        }
        double done = Math.min(1, (total - remaining) / (double) total);
        int filled = (int) Math.round(done * BAR_WIDTH);
        return "[" + "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled) + String.format("] %3.0f%%  ", done * 100);
    }

    private String describe(Long remaining) {
        StringBuilder s = new StringBuilder();
        if (total != null && remaining != null) {
            s.append(String.format("%d/%d entries", Math.max(0, total - remaining), total));
        } else {
            s.append(stats.get().recordsApplied()).append(" records applied");
        }
        if (!Double.isNaN(entriesPerSecond)) {
            s.append(String.format(", %.0f entries/s", entriesPerSecond));
        }
        s.append(String.format(", %.1f MiB/s", bytesPerSecond / (1024 * 1024)));
        if (remaining != null && entriesPerSecond > 0) {
            long eta = Math.round(remaining / entriesPerSecond);
            s.append(String.format(", ETA %d:%02d", eta / 60, eta % 60));
        }
        s.append(String.format(" (%.0f s elapsed)", (System.nanoTime() - startNanos) / 1e9));
        return s.toString();
    }

    /** Exponential smoothing, so one slow second does not swing the ETA. */
    private static double smooth(double previous, double sample) {
        return Double.isNaN(previous) ? sample : 0.7 * previous + 0.3 * sample;
    }
}
