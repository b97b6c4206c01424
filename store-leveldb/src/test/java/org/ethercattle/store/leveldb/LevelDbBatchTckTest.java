package org.ethercattle.store.leveldb;

import java.nio.file.Path;
import org.ethercattle.tck.BatchTck;

/** The LevelDB store against the TCK's {@link BatchTck}. */
class LevelDbBatchTckTest extends BatchTck {

    @Override
    protected String newStoreSpec(Path emptyDirectory) {
        // a small memtable so the suites also exercise LevelDB's table files, not only its memtable
        return "leveldb:" + emptyDirectory.resolve("db") + "?writeBufferSize=1m";
    }
}
