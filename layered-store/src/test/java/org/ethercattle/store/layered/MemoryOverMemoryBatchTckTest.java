package org.ethercattle.store.layered;

import java.nio.file.Path;
import org.ethercattle.tck.BatchTck;

/** A layered store of memory over memory passes the TCK's BatchTck. */
class MemoryOverMemoryBatchTckTest extends BatchTck {

    @Override
    protected String newStoreSpec(Path emptyDirectory) {
        return TestLayers.memoryOverMemory(emptyDirectory);
    }
}
