package org.ethercattle.store.layered;

import java.nio.file.Path;
import org.ethercattle.tck.DatabaseTck;

/** A layered store of LevelDB over RocksDB passes the TCK's DatabaseTck. */
class LevelDbOverRocksDbDatabaseTckTest extends DatabaseTck {

    @Override
    protected String newStoreSpec(Path emptyDirectory) {
        return TestLayers.levelDbOverRocksDb(emptyDirectory);
    }
}
