package org.ethercattle.cli;

import static org.ethercattle.cli.ConsoleLines.say;

import java.io.PrintWriter;
import java.util.List;
import org.ethercattle.core.replay.ReplayStats;

/**
 * The demo's progress lines: blocks written by the master, records and ops applied per replica, and rates
 * over the last interval. Called from the demo's main thread only; reads replica stats, which are safe
 * to read from any thread.
 */
final class DemoProgress {

    /** How often a progress line is printed. */
    static final long EVERY_MILLIS = 1000;

    private final PrintWriter out;
    private final long totalBlocks;
    private final List<DemoReplica> replicas;
    private final long startMillis = System.currentTimeMillis();
    private final long[] lastRecords;
    private long lastPrintMillis = startMillis;
    private long blocksWritten;
    private long bytesWritten;
    private long lastBlocks;
    private long masterDoneMillis;

    DemoProgress(PrintWriter out, long totalBlocks, List<DemoReplica> replicas) {
        this.out = out;
        this.totalBlocks = totalBlocks;
        this.replicas = replicas;
        this.lastRecords = new long[replicas.size()];
    }

    void masterWrote(long bytes) {
        blocksWritten++;
        bytesWritten += bytes;
    }

    void masterFinished() {
        masterDoneMillis = System.currentTimeMillis();
        double seconds = Math.max(1, masterDoneMillis - startMillis) / 1000.0;
        say(out, String.format("master: wrote %d blocks, %s in %.1f s (%.0f blocks/s, %s/s)", blocksWritten,
                mib(bytesWritten), seconds, blocksWritten / seconds, mib((long) (bytesWritten / seconds))));
    }

    void printIfDue(long now) {
        if (now - lastPrintMillis >= EVERY_MILLIS) {
            print(now);
        }
    }

    void print(long now) {
        double interval = Math.max(1, now - lastPrintMillis) / 1000.0;
        StringBuilder line = new StringBuilder(String.format("[%5.1fs] master: %d/%d blocks, %s",
                (now - startMillis) / 1000.0, blocksWritten, totalBlocks, mib(bytesWritten)));
        if (masterDoneMillis == 0) {
            line.append(String.format(" (%.0f blocks/s)", (blocksWritten - lastBlocks) / interval));
        }
        for (int i = 0; i < replicas.size(); i++) {
            ReplayStats stats = replicas.get(i).stats();
            line.append(String.format(" | %s: %d records, %d ops (%.0f records/s)", replicas.get(i).name(),
                    stats.recordsApplied(), stats.opsApplied(),
                    (stats.recordsApplied() - lastRecords[i]) / interval));
            lastRecords[i] = stats.recordsApplied();
        }
        lastBlocks = blocksWritten;
        lastPrintMillis = now;
        say(out, line.toString());
    }

    private static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
