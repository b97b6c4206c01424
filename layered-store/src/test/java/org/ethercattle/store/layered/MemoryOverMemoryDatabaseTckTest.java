package org.ethercattle.store.layered;

import java.nio.file.Path;
import org.ethercattle.tck.DatabaseTck;
import org.ethercattle.tck.StoreCapabilities;

/**
 * A layered store of memory over memory passes the TCK's DatabaseTck; its layers live in this JVM's
 * memory, so no other process can open it and it does not claim {@code oneWriterProcess}.
 */
class MemoryOverMemoryDatabaseTckTest extends DatabaseTck {

    @Override
    protected String newStoreSpec(Path emptyDirectory) {
        return TestLayers.memoryOverMemory(emptyDirectory);
    }

    @Override
    protected StoreCapabilities capabilities() {
        return StoreCapabilities.full().withOneWriterProcess(false);
    }
}
