package org.ethercattle.log.file;

import java.nio.file.Path;
import org.ethercattle.tck.ReplicationTck;

/**
 * Master and replicas replicated through the file log, with core's in-memory store on both ends (a
 * named memory store keeps its data for the JVM, which is all the suite's resume tests need). A small
 * message limit keeps chunked batches part of every workload; {@code fsync=never} keeps it off the disk.
 */
class FileLogReplicationTckTest extends ReplicationTck {

    @Override
    protected String newStoreSpec(Path emptyDirectory) {
        return "memory:" + emptyDirectory;
    }

    @Override
    protected String newLogSpec(Path emptyDirectory) {
        return "file:" + emptyDirectory + "?maxMessageBytes=16k&fsync=never&segmentBytes=256k";
    }
}
