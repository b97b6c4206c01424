package org.ethercattle.api;

import java.util.Map;
import org.ethercattle.api.spi.OpenMode;
import org.ethercattle.api.spi.ProviderRegistry;
import org.ethercattle.api.spi.Spec;
import org.ethercattle.api.spi.StoreProvider;

/**
 * Opens stores from spec strings such as {@code rocksdb:/var/lib/cattle/db} or {@code memory:demo},
 * using whichever {@link StoreProvider}s are on the classpath.
 */
public final class Stores {

    private static final ProviderRegistry<StoreProvider> REGISTRY =
            new ProviderRegistry<>(StoreProvider.class, "store");

    private Stores() {}

    /** Opens (creating if missing) the store {@code spec} names, for reading and writing. */
    public static Database open(String spec) {
        return open(spec, OpenMode.READ_WRITE);
    }

    /** Opens the store {@code spec} names in {@code mode}. */
    public static Database open(String spec, OpenMode mode) {
        Spec parsed = Spec.parse(spec);
        return REGISTRY.forScheme(parsed.scheme()).open(parsed, mode);
    }

    /** The provider for {@code scheme}, e.g. to inspect its description. */
    public static StoreProvider provider(String scheme) {
        return REGISTRY.forScheme(scheme);
    }

    /** Schemes found on the classpath and their providers' descriptions. */
    public static Map<String, String> available() {
        return REGISTRY.describe();
    }
}
