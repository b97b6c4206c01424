package org.ethercattle.tck;

import java.nio.file.Path;

/**
 * Core's in-memory store replicated through core's in-memory log with the native codec. The log's
 * message limit is kept small so chunked batches stay cheap.
 */
class MemoryReplicationTckTest extends ReplicationTck {

    @Override
    protected String newStoreSpec(Path emptyDirectory) {
        return "memory:" + emptyDirectory;
    }

    @Override
    protected String newLogSpec(Path emptyDirectory) {
        return "memory:" + emptyDirectory + "?maxMessageBytes=16k";
    }
}
