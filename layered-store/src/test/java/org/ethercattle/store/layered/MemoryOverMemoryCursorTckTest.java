package org.ethercattle.store.layered;

import java.nio.file.Path;
import org.ethercattle.tck.CursorTck;

/** A layered store of memory over memory passes the TCK's CursorTck. */
class MemoryOverMemoryCursorTckTest extends CursorTck {

    @Override
    protected String newStoreSpec(Path emptyDirectory) {
        return TestLayers.memoryOverMemory(emptyDirectory);
    }
}
