package org.ethercattle.store.layered;

import com.google.auto.service.AutoService;
import org.ethercattle.api.Checkpointable;
import org.ethercattle.api.Database;
import org.ethercattle.api.Stores;
import org.ethercattle.api.spi.OpenMode;
import org.ethercattle.api.spi.Spec;
import org.ethercattle.api.spi.StoreProvider;

/**
 * Opens {@link LayeredDatabase}s from {@code layered:} specs (forms: {@link LayerSpecs}). The top is
 * opened in the mode asked for (so a missing top is created in {@code READ_WRITE}); the bottom is always
 * opened {@link OpenMode#READ_ONLY} and must exist. When both layers are {@link Checkpointable}, so is
 * the layered store ({@link CheckpointableLayeredDatabase}).
 */
@AutoService(StoreProvider.class)
public final class LayeredStoreProvider implements StoreProvider {

    @Override
    public String scheme() {
        return "layered";
    }

    @Override
    public int apiVersion() {
        return API_VERSION;
    }

    @Override
    public String description() {
        return "a writable top store with tombstones over a read-only bottom store (e.g. a snapshot):"
                + " layered:?top=<spec>&bottom=<spec>";
    }

    @Override
    public Database open(Spec spec, OpenMode mode) {
        LayerSpecs layers = LayerSpecs.of(spec);
        Database bottom = Stores.open(layers.bottom(), OpenMode.READ_ONLY);
        Database top;
        try {
            top = Stores.open(layers.top(), mode);
        } catch (RuntimeException e) {
            bottom.close();
            throw e;
        }
        String name = "layered store " + spec;
        if (top instanceof Checkpointable && bottom instanceof Checkpointable) {
            return new CheckpointableLayeredDatabase(top, bottom, name, layers);
        }
        return new LayeredDatabase(top, bottom, name);
    }
}
