package org.ethercattle.store.leveldb;

import java.nio.file.Path;
import org.ethercattle.tck.ConfigFileTck;

/** Store parameters from a properties file named by {@code config=}, under the spec's own. */
class LevelDbConfigFileTckTest extends ConfigFileTck {

    @Override
    protected String newStoreSpec(Path emptyDirectory) {
        return "leveldb:" + emptyDirectory.resolve("db");
    }

    @Override
    protected ConfigParameter parameter() {
        return new ConfigParameter("cacheSize", "8m", "lots");
    }
}
