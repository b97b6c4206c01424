package org.ethercattle.api.spi;

import org.ethercattle.api.Database;

/**
 * Service-provider interface for stores, found with {@link java.util.ServiceLoader}: annotate the
 * implementation with {@code @AutoService(StoreProvider.class)}. Its {@link #scheme()} is the scheme of
 * the specs it opens ({@code rocksdb:/var/lib/cattle/db}, {@code memory:name}).
 *
 * <p>Opening validates the spec: an unknown parameter or a bad value throws {@link SpecException}; a
 * store that cannot be opened (locked by another process, corrupt, missing in read-only mode) throws
 * {@link org.ethercattle.api.StoreException}, both naming the path and the fix.
 */
public interface StoreProvider extends Provider {

    /** Opens (creating it in {@link OpenMode#READ_WRITE} when missing) the store {@code spec} names. */
    Database open(Spec spec, OpenMode mode);
}
