package org.ethercattle.store.lmdb;

import java.nio.file.Path;
import org.ethercattle.tck.ConfigFileTck;

/** Store parameters from a properties file named by {@code config=}, under the spec's own. */
class LmdbConfigFileTckTest extends ConfigFileTck {

    @Override
    protected String newStoreSpec(Path emptyDirectory) {
        return "lmdb:" + emptyDirectory.resolve("db");
    }

    @Override
    protected ConfigParameter parameter() {
        return new ConfigParameter("mapSize", "64m", "lots");
    }
}
