package org.ethercattle.store.layered;

import java.nio.file.Path;
import org.ethercattle.tck.CheckpointableTck;

/**
 * A layered store over checkpointable layers is checkpointable: the copy is a directory of both layers'
 * checkpoints and a layered.properties, opened as {@code layered:<target>}.
 */
class RocksDbOverRocksDbCheckpointableTckTest extends CheckpointableTck {

    @Override
    protected String newStoreSpec(Path emptyDirectory) {
        return TestLayers.rocksDbOverRocksDb(emptyDirectory);
    }

    @Override
    protected String specAt(String originalSpec, Path target) {
        return "layered:" + target;
    }
}
