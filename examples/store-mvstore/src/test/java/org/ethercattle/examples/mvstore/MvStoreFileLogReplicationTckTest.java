package org.ethercattle.examples.mvstore;

import java.nio.file.Path;
import org.ethercattle.tck.ReplicationTck;

/**
 * MVStore masters and replicas through Cattle's file log. The small message limit makes the workloads'
 * large batches travel in chunks.
 */
class MvStoreFileLogReplicationTckTest extends ReplicationTck {

    @Override
    protected String newStoreSpec(Path emptyDirectory) {
        return "mvstore:" + emptyDirectory.resolve("db");
    }

    @Override
    protected String newLogSpec(Path emptyDirectory) {
        return "file:" + emptyDirectory.resolve("log") + "?maxMessageBytes=16k";
    }
}
