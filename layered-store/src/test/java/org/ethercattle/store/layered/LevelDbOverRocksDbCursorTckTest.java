package org.ethercattle.store.layered;

import java.nio.file.Path;
import org.ethercattle.tck.CursorTck;

/** A layered store of LevelDB over RocksDB passes the TCK's CursorTck. */
class LevelDbOverRocksDbCursorTckTest extends CursorTck {

    @Override
    protected String newStoreSpec(Path emptyDirectory) {
        return TestLayers.levelDbOverRocksDb(emptyDirectory);
    }
}
