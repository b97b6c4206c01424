package org.ethercattle.ethereum.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.ethercattle.api.Database;
import org.ethercattle.api.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The head state written straight into RocksDB (no batch) reads back after the store is reopened. */
class RocksDbStateTest {

    @TempDir
    Path dir;

    @Test
    void a_state_streamed_into_rocksdb_survives_a_reopen() {
        byte[] root;
        try (Database db = Stores.open("rocksdb:" + dir)) {
            root = new StateImporter(db).write(StateJson.readDump(ExecutionApis.headState()));
        }

        try (Database db = Stores.open("rocksdb:" + dir)) {
            StateReader reader = new StateReader(db);
            byte[] address = HexFormat.of().parseHex("7dcd17433742f4c0ca53122ab541d0ba67fc27df");

            assertThat(StateScheme.detect(db)).isEqualTo(StateScheme.HASH);
            assertThat(reader.account(root, address)).get().satisfies(a -> assertThat(a.balance()).hasToString("118"));
            assertThat(reader.proof(root, address, List.of()).accountProof()).hasSize(3);
        }
    }
}
