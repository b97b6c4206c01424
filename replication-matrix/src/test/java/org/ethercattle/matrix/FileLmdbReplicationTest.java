package org.ethercattle.matrix;

import java.nio.file.Path;
import org.ethercattle.tck.ReplicationTck;

/**
 * The replication suite with LMDB masters and replicas over the embedded file log. A 1 MiB initial map
 * makes replay grow it; {@code sync=none} because the suite checks replication, not power-loss durability
 * (LMDB's per-commit flush would dominate the run). The JVM needs the LMDB add-opens flags (this module's
 * surefire argLine has them).
 */
class FileLmdbReplicationTest extends ReplicationTck {

    @Override
    protected String newStoreSpec(Path emptyDirectory) {
        return "lmdb:" + emptyDirectory.resolve("db") + "?mapSize=1m&sync=none";
    }

    @Override
    protected String newLogSpec(Path emptyDirectory) {
        return FileLogSpecs.spec(emptyDirectory);
    }
}
