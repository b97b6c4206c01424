package org.ethercattle.store.leveldb;

import java.nio.file.Path;
import org.ethercattle.tck.ConfigFileTck;

/** Store parameters from a properties file named by {@code config=}, under the spec's own. */
class LevelDbConfigFileTest extends ConfigFileTck {

    @Override
    protected String newStoreSpec(Path emptyDirectory) {
        return "leveldb:" + emptyDirectory.resolve("db");
    }
}
