package org.ethercattle.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ethercattle.api.Database;
import org.ethercattle.api.StoreException;
import org.ethercattle.api.Stores;
import org.ethercattle.api.spi.SpecException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Store parameters from a properties file named by {@code config=}, under the spec's own: a parameter
 * in the file applies, the same parameter in the spec wins over it, and an unknown one in the file is
 * refused with a {@link SpecException} naming it, as it would be in the spec.
 *
 * <p>Subclass it in the adapter's tests and implement {@link #newStoreSpec(Path)}. The store must
 * support {@code createIfMissing} (refusing to create a missing store with a {@link StoreException}
 * whose message contains {@code createIfMissing=false}).
 */
public abstract class ConfigFileTck {

    @TempDir
    Path dir;

    /**
     * A spec for a store that does not exist yet under {@code emptyDirectory}, without a query
     * ({@code ?...}): the suite appends {@code ?config=FILE} and then {@code &createIfMissing=true}.
     */
    protected abstract String newStoreSpec(Path emptyDirectory);

    @Test
    @DisplayName("parameters in the config file apply, and the spec's own win over them")
    void configFileAppliesUnderTheSpec() throws IOException {
        Path config = Files.writeString(dir.resolve("store.properties"), "createIfMissing=false\n");
        String spec = newStoreSpec(dir) + "?config=" + config;
        assertThatThrownBy(() -> Stores.open(spec)).as("createIfMissing=false from the file")
                .isInstanceOf(StoreException.class).hasMessageContaining("createIfMissing=false");
        try (Database db = Stores.open(spec + "&createIfMissing=true")) {
            db.put(new byte[] {1}, new byte[] {2});
            assertThat(db.get(new byte[] {1})).isEqualTo(new byte[] {2});
        }
    }

    @Test
    @DisplayName("an unknown parameter in the config file is refused like one in the spec")
    void unknownParameterInTheFileIsRefused() throws IOException {
        Path config = Files.writeString(dir.resolve("store.properties"), "noSuchOption=1\n");
        assertThatThrownBy(() -> Stores.open(newStoreSpec(dir) + "?config=" + config))
                .isInstanceOf(SpecException.class).hasMessageContaining("noSuchOption");
    }
}
