package org.ethercattle.store.layered;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ethercattle.api.Checkpointable;
import org.ethercattle.api.Database;
import org.ethercattle.api.StoreException;
import org.ethercattle.api.spi.Spec;
import org.ethercattle.adapter.support.Directories;

/**
 * A {@link LayeredDatabase} whose layers are both {@link Checkpointable}: a checkpoint is a directory
 * holding a checkpoint of the top ({@code top/}), one of the bottom ({@code bottom/}) and a
 * {@value LayerSpecs#FILE_NAME} naming them relative to it, so the copy opens as {@code layered:<target>}.
 *
 * <p>Consistent because only the top changes: its own checkpoint holds a prefix of its batches, and the
 * bottom is read-only. The bottom's checkpoint is cheap where the store hard-links files (RocksDB,
 * LevelDB); to get a plain store instead, flatten the copy ({@code cattle flatten}).
 */
public final class CheckpointableLayeredDatabase extends LayeredDatabase implements Checkpointable {

    private final LayerSpecs layers;

    CheckpointableLayeredDatabase(Database top, Database bottom, String name, LayerSpecs layers) {
        super(top, bottom, name);
        this.layers = layers;
    }

    @Override
    public void checkpoint(Path target) {
        checkOpen();
        if (Files.exists(target)) {
            throw new StoreException("checkpoint target " + target + " already exists; name a new directory");
        }
        if (target.toAbsolutePath().getParent() == null || !Files.isDirectory(target.toAbsolutePath().getParent())) {
            throw new StoreException("the parent of checkpoint target " + target + " does not exist; create it first");
        }
        try {
            Files.createDirectory(target);
        } catch (IOException e) {
            throw new StoreException("cannot create checkpoint directory " + target + ": " + e.getMessage(), e);
        }
        try {
            ((Checkpointable) top()).checkpoint(target.resolve("top"));
            ((Checkpointable) bottom()).checkpoint(target.resolve("bottom"));
            new LayerSpecs(Spec.parse(layers.top()).withPath("./top").text(),
                    Spec.parse(layers.bottom()).withPath("./bottom").text()).writeTo(target);
        } catch (IOException | RuntimeException e) {
            try {
                Directories.deleteRecursively(target);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup); // best effort: the failure reported matters more than leftovers
            }
            if (e instanceof StoreException se) {
                throw se;
            }
            throw new StoreException("checkpoint of " + name() + " into " + target + " failed: " + e.getMessage(), e);
        }
    }
}
