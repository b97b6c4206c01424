package org.ethercattle.examples.mvstore;

import java.nio.file.Path;
import org.ethercattle.tck.BatchTck;
import org.ethercattle.tck.StoreCapabilities;

/** The TCK's BatchTck on the MVStore adapter; every capability on (see {@link MvStoreCapabilities}). */
class MvStoreBatchTckTest extends BatchTck {

    @Override
    protected String newStoreSpec(Path emptyDirectory) {
        return "mvstore:" + emptyDirectory.resolve("db");
    }

    @Override
    protected StoreCapabilities capabilities() {
        return MvStoreCapabilities.CAPABILITIES;
    }
}
