package org.ethercattle.examples.mvstore;

import java.nio.file.Path;
import org.ethercattle.tck.DatabaseTck;
import org.ethercattle.tck.StoreCapabilities;

/** The TCK's DatabaseTck on the MVStore adapter; every capability on (see {@link MvStoreCapabilities}). */
class MvStoreDatabaseTckTest extends DatabaseTck {

    @Override
    protected String newStoreSpec(Path emptyDirectory) {
        return "mvstore:" + emptyDirectory.resolve("db");
    }

    @Override
    protected StoreCapabilities capabilities() {
        return MvStoreCapabilities.CAPABILITIES;
    }
}
