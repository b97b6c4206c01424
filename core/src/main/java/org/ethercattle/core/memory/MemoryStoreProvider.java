package org.ethercattle.core.memory;

import com.google.auto.service.AutoService;
import java.util.Set;
import org.ethercattle.api.Database;
import org.ethercattle.api.spi.OpenMode;
import org.ethercattle.api.spi.Spec;
import org.ethercattle.api.spi.SpecException;
import org.ethercattle.api.spi.StoreProvider;

/**
 * Opens {@link MemoryDatabase}s from {@code memory:<name>} specs. The name is the spec's path; handles
 * on one name share data within the JVM, and {@code memory:} (no name) opens a private store. No
 * parameters are accepted.
 */
@AutoService(StoreProvider.class)
public final class MemoryStoreProvider implements StoreProvider {

    @Override
    public String scheme() {
        return "memory";
    }

    @Override
    public int apiVersion() {
        return API_VERSION;
    }

    @Override
    public String description() {
        return "in-memory store, shared by name within one JVM (pure Java, for tests and demos)";
    }

    @Override
    public Database open(Spec spec, OpenMode mode) {
        spec.requireOnly(Set.of());
        if (spec.authority() != null) {
            throw new SpecException("spec '" + spec + "' names a host; an in-memory store is named as memory:<name>");
        }
        return MemoryDatabase.open(spec.path(), mode);
    }
}
