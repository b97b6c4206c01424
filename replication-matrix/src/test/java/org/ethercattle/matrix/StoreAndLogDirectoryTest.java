package org.ethercattle.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.ethercattle.api.Batch;
import org.ethercattle.api.Database;
import org.ethercattle.api.Logs;
import org.ethercattle.api.StoreException;
import org.ethercattle.api.Stores;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.log.LogException;
import org.ethercattle.api.log.LogProducer;
import org.ethercattle.api.spi.OpenMode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A store and a file log never share a directory: every store kind refuses a directory holding a file
 * log, and the file log refuses one holding a store, before either writes a file there. Real stores and
 * a real file log on disk. (The layered store has no directory of its own: its top and bottom are
 * these stores, which check their own directories.)
 */
class StoreAndLogDirectoryTest {

    @TempDir
    Path dir;

    private static final byte[] KEY = "k".getBytes(StandardCharsets.UTF_8);

    private Path fileLogWithOneEntry() {
        Path log = dir.resolve("log");
        try (LogProducer producer = Logs.openProducer("file:" + log)) {
            producer.append("entry".getBytes(StandardCharsets.UTF_8)).join();
            producer.flush();
        }
        return log;
    }

    private static String[] names(Path directory) throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"rocksdb", "leveldb", "lmdb"})
    @DisplayName("a store opened read-write in a file log's directory is refused, naming it, and writes nothing there")
    void storeRefusesAFileLogDirectory(String kind) throws Exception {
        Path log = fileLogWithOneEntry();
        String[] before = names(log);
        assertThatThrownBy(() -> Stores.open(kind + ":" + log))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(log.toString())
                .hasMessageContaining("holds a Cattle file log (cattle-log.properties)")
                .hasMessageContaining("give the store its own directory");
        assertThat(names(log)).containsExactly(before);
        try (LogConsumer consumer = Logs.openConsumer("file:" + log)) {
            assertThat(consumer.startPosition()).isPresent();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"rocksdb", "leveldb", "lmdb"})
    @DisplayName("a file log producer or consumer opened in a store's directory is refused, naming the store kind, and writes nothing there")
    void fileLogRefusesAStoreDirectory(String kind) throws Exception {
        Path store = dir.resolve("store");
        try (Database db = Stores.open(kind + ":" + store)) {
            try (Batch batch = db.newBatch()) {
                batch.put(KEY, KEY);
                batch.write();
            }
        }
        String[] before = names(store);
        String expected = switch (kind) {
            case "rocksdb" -> "holds a RocksDB store (CURRENT, MANIFEST-*, OPTIONS-*)";
            case "leveldb" -> "holds a LevelDB store (CURRENT, MANIFEST-*)";
            default -> "holds an LMDB store (data.mdb)";
        };
        assertThatThrownBy(() -> Logs.openProducer("file:" + store))
                .isInstanceOf(LogException.class)
                .hasMessageContaining(store.toRealPath().toString())
                .hasMessageContaining(expected)
                .hasMessageContaining("give the log its own directory");
        assertThatThrownBy(() -> Logs.openConsumer("file:" + store)).isInstanceOf(LogException.class)
                .hasMessageContaining(expected);
        assertThat(names(store)).containsExactly(before);
        try (Database db = Stores.open(kind + ":" + store, OpenMode.READ_ONLY)) {
            assertThat(db.get(KEY)).isEqualTo(KEY);
        }
    }
}
