package org.ethercattle.store.leveldb;

import java.nio.file.Path;
import org.ethercattle.tck.CursorTck;

/** The LevelDB store against the TCK's {@link CursorTck}. */
class LevelDbCursorTckTest extends CursorTck {

    @Override
    protected String newStoreSpec(Path emptyDirectory) {
        // a small memtable so the suites also exercise LevelDB's table files, not only its memtable
        return "leveldb:" + emptyDirectory.resolve("db") + "?writeBufferSize=1m";
    }
}
