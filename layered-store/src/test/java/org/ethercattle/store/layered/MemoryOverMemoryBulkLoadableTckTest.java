package org.ethercattle.store.layered;

import java.nio.file.Path;
import org.ethercattle.tck.BulkLoadableTck;
import org.ethercattle.tck.StoreCapabilities;

/**
 * A layered store takes the bulk-load hint whatever its layers; over a memory top, which has no such mode, it
 * defers nothing, so it never reports pending upkeep.
 */
class MemoryOverMemoryBulkLoadableTckTest extends BulkLoadableTck {

    @Override
    protected String newStoreSpec(Path emptyDirectory) {
        return TestLayers.memoryOverMemory(emptyDirectory);
    }

    @Override
    protected StoreCapabilities capabilities() {
        return StoreCapabilities.full().withOneWriterProcess(false);
    }

    @Override
    protected boolean defersUpkeep() {
        return false;
    }
}
