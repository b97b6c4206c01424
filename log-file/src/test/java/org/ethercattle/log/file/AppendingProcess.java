package org.ethercattle.log.file;

import org.ethercattle.api.Logs;
import org.ethercattle.api.log.LogProducer;

/**
 * A second process for {@link FileLogMultiProcessTest}: appends {@code <tag><i>} for i in [0, count) to
 * the file log spec given, then exits 0.
 *
 * <p>Usage: {@code AppendingProcess <spec> <tag> <count>}
 */
public final class AppendingProcess {

    private AppendingProcess() {}

    public static void main(String[] args) {
        String spec = args[0];
        String tag = args[1];
        int count = Integer.parseInt(args[2]);
        try (LogProducer producer = Logs.openProducer(spec)) {
            for (int i = 0; i < count; i++) {
                producer.append(Entries.utf8(tag + i)).join();
            }
        }
        System.exit(0);
    }
}
