package org.ethercattle.store.lmdb;

import java.nio.file.Path;
import org.ethercattle.tck.CheckpointableTck;
import org.ethercattle.tck.StoreCapabilities;

/** LMDB passes the Checkpointable TCK suite. */
class LmdbCheckpointTckTest extends CheckpointableTck {

    @Override
    protected String newStoreSpec(Path emptyDirectory) {
        return LmdbTckStores.spec(emptyDirectory);
    }

    @Override
    protected StoreCapabilities capabilities() {
        return LmdbTckStores.CAPABILITIES;
    }
}
