package org.ethercattle.examples.mvstore;

import java.nio.file.Path;
import org.ethercattle.tck.DatabaseTck;
import org.ethercattle.tck.StoreCapabilities;

/**
 * The TCK's DatabaseTck on the MVStore adapter; every capability on (see {@link MvStoreCapabilities}).
 * Public, unlike the other suites here, so that a surefire too old for JUnit 5 (which runs only public
 * classes) finds it and fails the build with the TCK's message instead of running nothing.
 */
public class MvStoreDatabaseTckTest extends DatabaseTck {

    @Override
    protected String newStoreSpec(Path emptyDirectory) {
        return "mvstore:" + emptyDirectory.resolve("db");
    }

    @Override
    protected StoreCapabilities capabilities() {
        return MvStoreCapabilities.CAPABILITIES;
    }
}
