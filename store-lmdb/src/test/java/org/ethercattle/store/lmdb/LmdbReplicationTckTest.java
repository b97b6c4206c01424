package org.ethercattle.store.lmdb;

import java.nio.file.Path;
import org.ethercattle.tck.ReplicationTck;

/** Master and replicas on LMDB, over the in-process memory log. */
class LmdbReplicationTckTest extends ReplicationTck {

    @Override
    protected String newStoreSpec(Path emptyDirectory) {
        return LmdbTckStores.spec(emptyDirectory);
    }

    /** A name unique to the directory; a small message limit so big batches travel as chunks. */
    @Override
    protected String newLogSpec(Path emptyDirectory) {
        return "memory:" + emptyDirectory + "?maxMessageBytes=64k";
    }
}
