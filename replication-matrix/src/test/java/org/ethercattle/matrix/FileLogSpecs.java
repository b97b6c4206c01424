package org.ethercattle.matrix;

import java.nio.file.Path;

/** The file-log spec every {@code File*ReplicationTest} row uses, so the rows differ only by store. */
final class FileLogSpecs {

    private FileLogSpecs() {}

    /**
     * A fresh log in {@code emptyDirectory}. The 16 KiB message limit makes the workload's oversized batches
     * (sized from it) travel as chunks while staying small; {@code fsync=never} because the suite checks
     * replication, not machine-crash durability, and a process crash loses nothing in any mode.
     */
    static String spec(Path emptyDirectory) {
        return "file:" + emptyDirectory + "?maxMessageBytes=16k&fsync=never";
    }
}
