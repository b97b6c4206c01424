package org.ethercattle.store.lmdb;

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

/** Store parameters from a properties file named by {@code config=}, under the spec's own. */
class LmdbConfigFileTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("parameters in the config file apply, and the spec's own win over them")
    void configFileAppliesUnderTheSpec() throws IOException {
        Path config = Files.writeString(dir.resolve("lmdb.properties"), "createIfMissing=false\n");
        String spec = "lmdb:" + dir.resolve("db") + "?config=" + config;
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
        Path config = Files.writeString(dir.resolve("lmdb.properties"), "noSuchOption=1\n");
        assertThatThrownBy(() -> Stores.open("lmdb:" + dir.resolve("db") + "?config=" + config))
                .isInstanceOf(SpecException.class).hasMessageContaining("noSuchOption");
    }
}
