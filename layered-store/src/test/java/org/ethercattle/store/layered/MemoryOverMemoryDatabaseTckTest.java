package org.ethercattle.store.layered;

import java.nio.file.Path;
import org.ethercattle.tck.DatabaseTck;

/** A layered store of memory over memory passes the TCK's DatabaseTck. */
class MemoryOverMemoryDatabaseTckTest extends DatabaseTck {

    @Override
    protected String newStoreSpec(Path emptyDirectory) {
        return TestLayers.memoryOverMemory(emptyDirectory);
    }
}
