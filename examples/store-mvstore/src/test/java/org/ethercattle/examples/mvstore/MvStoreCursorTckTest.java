package org.ethercattle.examples.mvstore;

import java.nio.file.Path;
import org.ethercattle.tck.CursorTck;
import org.ethercattle.tck.StoreCapabilities;

/** The TCK's CursorTck on the MVStore adapter; every capability on (see {@link MvStoreCapabilities}). */
class MvStoreCursorTckTest extends CursorTck {

    @Override
    protected String newStoreSpec(Path emptyDirectory) {
        return "mvstore:" + emptyDirectory.resolve("db");
    }

    @Override
    protected StoreCapabilities capabilities() {
        return MvStoreCapabilities.CAPABILITIES;
    }
}
