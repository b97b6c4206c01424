package org.ethercattle.store.lmdb;

import java.nio.file.Path;
import org.ethercattle.tck.CursorTck;
import org.ethercattle.tck.StoreCapabilities;

/** LMDB passes the Cursor TCK suite. */
class LmdbCursorTckTest extends CursorTck {

    @Override
    protected String newStoreSpec(Path emptyDirectory) {
        return LmdbTckStores.spec(emptyDirectory);
    }

    @Override
    protected StoreCapabilities capabilities() {
        return LmdbTckStores.CAPABILITIES;
    }
}
