package org.ethercattle.store.lmdb;

import com.google.auto.service.AutoService;
import org.ethercattle.api.Database;
import org.ethercattle.api.spi.OpenMode;
import org.ethercattle.api.spi.Spec;
import org.ethercattle.api.spi.StoreProvider;

/**
 * Opens {@link LmdbDatabase}s from specs such as {@code lmdb:/var/lib/cattle/db?mapSize=64g}; the
 * parameters are listed on {@link LmdbOptions}. lmdbjava needs the JVM flags
 * {@code --add-opens java.base/java.nio=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED}.
 */
@AutoService(StoreProvider.class)
public final class LmdbStoreProvider implements StoreProvider {

    @Override
    public String scheme() {
        return "lmdb";
    }

    @Override
    public int apiVersion() {
        return API_VERSION;
    }

    @Override
    public String description() {
        return "LMDB through lmdbjava: memory-mapped copy-on-write B+tree, keys 1.." + LmdbDatabase.MAX_KEY_BYTES
                + " bytes";
    }

    @Override
    public Database open(Spec spec, OpenMode mode) {
        return LmdbOpener.open(LmdbOptions.from(spec.withConfigFile()), mode);
    }
}
