package org.ethercattle.log.file;

import java.nio.file.Path;
import java.util.Optional;
import org.ethercattle.tck.LogTck;

/**
 * The file log against {@link LogTck}. Retention: one entry per segment ({@code segmentBytes=1}) and a
 * byte limit worth about twice the retained entries, so whole-segment deletion drops the oldest
 * entries as soon as the append that rolls completes. {@code fsync=never} keeps the suite off the disk.
 */
class FileLogTckTest extends LogTck {

    @Override
    protected String newLogSpec(Path emptyDirectory) {
        return "file:" + emptyDirectory + "?maxMessageBytes=64k&fsync=never";
    }

    @Override
    protected Optional<String> newLogSpecRetaining(Path emptyDirectory, int retainedEntries) {
        // The suite's entries are at most ~60 bytes framed; 100 B per retained entry keeps at least them.
        return Optional.of("file:" + emptyDirectory + "?maxMessageBytes=64k&fsync=never&segmentBytes=1"
                + "&retentionBytes=" + (retainedEntries * 100));
    }
}
