package org.ethercattle.examples.mvstore;

import com.google.auto.service.AutoService;
import java.nio.file.Path;
import java.util.Set;
import org.ethercattle.api.Database;
import org.ethercattle.api.spi.OpenMode;
import org.ethercattle.api.spi.Spec;
import org.ethercattle.api.spi.SpecException;
import org.ethercattle.api.spi.StoreProvider;

/**
 * Opens MVStore stores (the storage engine of the H2 database, from the {@code h2} jar) from specs such
 * as {@code mvstore:/var/lib/cattle/mvstore?cacheSize=64m}. The path is a directory; the store is the file
 * {@code store.mv.db} inside it.
 *
 * <h2>Parameters</h2>
 * <ul>
 *   <li>{@code cacheSize} (default {@code 16m}, at least {@code 1m}): MVStore's page cache, in whole MiB.</li>
 *   <li>{@code commitBytes} (default {@code 1m}): unsaved changes that make the next write commit them to the
 *       file. A batch always commits whole (see {@link MvStoreDatabase}); {@code 0} commits every write.</li>
 * </ul>
 * Any other parameter is a {@link SpecException}. {@link OpenMode#READ_ONLY} opens the file read-only
 * (MVStore's {@code readOnly()}) and refuses a missing store.
 */
@AutoService(StoreProvider.class)
public final class MvStoreProvider implements StoreProvider {

    /** The spec scheme, {@code mvstore}. */
    public static final String SCHEME = "mvstore";

    private static final Set<String> PARAMETERS = Set.of("cacheSize", "commitBytes");

    @Override
    public String scheme() {
        return SCHEME;
    }

    @Override
    public String description() {
        return "MVStore (H2 2.3, example external adapter): mvstore:/path/to/dir";
    }

    @Override
    public int apiVersion() {
        return API_VERSION; // copied into this class by javac: see Provider's javadoc
    }

    @Override
    public Database open(Spec spec, OpenMode mode) {
        if (spec.authority() != null) {
            throw new SpecException("spec '" + spec + "' names a host; an mvstore store is a local directory,"
                    + " e.g. mvstore:/var/lib/cattle/mvstore");
        }
        spec.requireOnly(PARAMETERS);
        long cacheBytes = spec.sizeParam("cacheSize", 16L << 20, 1L << 20, 1L << 40);
        long commitBytes = spec.sizeParam("commitBytes", 1L << 20, 0, 1L << 40);
        return MvStoreDatabase.open(Path.of(spec.requirePath()), mode, (int) (cacheBytes >> 20), commitBytes);
    }
}
