package org.ethercattle.ethereum.state;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.ethercattle.api.Database;
import org.ethercattle.core.memory.MemoryDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StateSchemeTest {

    private final Database db = MemoryDatabase.open();

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void a_hash_scheme_state_passes() {
        try (var batch = db.newBatch()) {
            new StateImporter(batch).write(StateJson.readGenesisAlloc(ExecutionApis.genesis()));
            batch.write();
        }

        assertThat(StateScheme.detect(db)).isEqualTo(StateScheme.HASH);
        assertThatCode(() -> StateScheme.requireHash(db, "rocksdb:/data/geth")).doesNotThrowAnyException();
    }

    @Test
    void an_empty_database_is_not_taken_for_the_path_scheme() {
        assertThat(StateScheme.detect(db)).isEqualTo(StateScheme.HASH);
    }

    @ParameterizedTest
    @ValueSource(strings = {"A", "LastStateID", "TrieJournal"})
    void a_path_scheme_database_is_refused_with_what_to_do(String pathSchemeKey) {
        db.put(pathSchemeKey.getBytes(US_ASCII), new byte[] {1});

        assertThat(StateScheme.detect(db)).isEqualTo(StateScheme.PATH);
        assertThatThrownBy(() -> StateScheme.requireHash(db, "rocksdb:/data/geth"))
                .isInstanceOf(UnsupportedStateSchemeException.class)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("rocksdb:/data/geth")
                .hasMessageContaining("path scheme")
                .hasMessageContaining("--state.scheme=hash");
    }

    @Test
    void a_key_that_merely_starts_with_a_is_not_the_path_scheme_root() {
        db.put("Abc".getBytes(US_ASCII), new byte[] {1});

        assertThat(StateScheme.detect(db)).isEqualTo(StateScheme.HASH);
    }
}
