package org.ethercattle.store.leveldb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.ethercattle.api.Batch;
import org.ethercattle.api.Database;
import org.ethercattle.api.ReadOnlyException;
import org.ethercattle.api.StoreClosedException;
import org.ethercattle.api.StoreException;
import org.ethercattle.api.Stores;
import org.ethercattle.api.spi.OpenMode;
import org.ethercattle.api.spi.Spec;
import org.ethercattle.api.spi.SpecException;
import org.iq80.leveldb.CompressionType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code leveldb:} spec: parameters, their defaults and ranges, and read-only opens. */
class LevelDbSpecTest {

    private static final byte[] KEY = {1};

    @TempDir
    Path dir;

    @Test
    @DisplayName("a spec without parameters gets the documented replay defaults")
    void defaults() {
        LevelDbOptions options = LevelDbOptions.from(Spec.parse("leveldb:/x"));
        assertThat(options).isEqualTo(LevelDbOptions.defaults());
        assertThat(options.cacheSize()).isEqualTo(128L << 20);
        assertThat(options.writeBufferSize()).isEqualTo(64 << 20);
        assertThat(options.compression()).isEqualTo(CompressionType.SNAPPY);
        assertThat(options.sync()).isFalse();
        assertThat(options.maxOpenFiles()).isEqualTo(1000);
        assertThat(options.blockSize()).isEqualTo(4096);
        assertThat(options.createIfMissing()).isTrue();
        assertThat(options.minFreeSpace()).isEqualTo(256L << 20);
    }

    @Test
    @DisplayName("every parameter is read, sizes with binary suffixes")
    void everyParameter() {
        LevelDbOptions options = LevelDbOptions.from(Spec.parse("leveldb:/x?cacheSize=1g&writeBufferSize=256k"
                + "&compression=none&sync=true&maxOpenFiles=5000&blockSize=16k&createIfMissing=false&minFreeSpace=0"));
        assertThat(options).isEqualTo(new LevelDbOptions(1L << 30, 256 << 10, CompressionType.NONE, true, 5000,
                16 << 10, false, 0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"cachesize=1m", "fsync=true", "paranoidChecks=true"})
    @DisplayName("an unknown parameter is refused, listing the known ones")
    void unknownParameter(String param) {
        assertThatThrownBy(() -> Stores.open("leveldb:" + dir.resolve("db") + "?" + param))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("unknown parameter")
                .hasMessageContaining("writeBufferSize");
        assertThat(dir.resolve("db")).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"writeBufferSize=1k", "writeBufferSize=2g", "maxOpenFiles=10", "blockSize=8m",
            "blockSize=512", "compression=zstd", "minFreeSpace=lots", "sync=maybe", "cacheSize=-1", "maxOpenFiles=many",
            "cacheSize=100t", "cacheSize=2t", "minFreeSpace=-1m", "minFreeSpace=99999999999999999999"})
    @DisplayName("a malformed or out-of-range value is refused, naming the parameter")
    void badValue(String param) {
        assertThatThrownBy(() -> Stores.open("leveldb:" + dir.resolve("db") + "?" + param))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining(param.substring(0, param.indexOf('=')));
    }

    @Test
    @DisplayName("a spec with a host, or without a path, is refused")
    void badShape() {
        assertThatThrownBy(() -> Stores.open("leveldb://host/db")).isInstanceOf(SpecException.class)
                .hasMessageContaining("local directory");
        assertThatThrownBy(() -> Stores.open("leveldb:")).isInstanceOf(SpecException.class);
    }

    @Test
    @DisplayName("missing parent directories are created in read-write mode")
    void createsParents() {
        Path deep = dir.resolve("a/b/c/db");
        try (Database db = Stores.open("leveldb:" + deep + "?sync=true")) {
            db.put(KEY, KEY);
        }
        assertThat(deep.resolve("CURRENT")).exists();
    }

    @Test
    @DisplayName("createIfMissing=false refuses a missing store instead of creating it")
    void createIfMissingFalse() {
        Path missing = dir.resolve("missing");
        assertThatThrownBy(() -> Stores.open("leveldb:" + missing + "?createIfMissing=false"))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("leveldb store at " + missing + " does not exist");
        assertThat(missing).doesNotExist();
    }

    @Test
    @DisplayName("snappy compression stores compressible data in far fewer bytes than none")
    void compressionIsApplied() throws IOException {
        long snappy = writeCompressible("snappy");
        long none = writeCompressible("none");
        assertThat(snappy * 4).isLessThan(none);
    }

    private long writeCompressible(String compression) throws IOException {
        Path path = dir.resolve(compression);
        try (Database db = Stores.open("leveldb:" + path + "?writeBufferSize=64k&compression=" + compression)) {
            byte[] value = new byte[1000];
            for (int i = 0; i < 2000; i++) {
                db.put(new byte[] {(byte) (i >> 8), (byte) i}, value);
            }
        }
        try (Stream<Path> files = Files.list(path)) {
            long total = 0;
            for (Path table : (Iterable<Path>) files.filter(p -> p.toString().matches(".*\\.(sst|ldb)"))::iterator) {
                total += Files.size(table);
            }
            assertThat(total).as("bytes in table files").isPositive();
            return total;
        }
    }

    @Test
    @DisplayName("writes are refused, with the path and the fix, while the disk has less than minFreeSpace free")
    void minFreeSpace() {
        String spec = "leveldb:" + dir.resolve("db");
        try (Database db = Stores.open(spec)) {
            db.put(KEY, KEY);
        }
        try (Database db = Stores.open(spec + "?minFreeSpace=1p")) {
            assertThat(db.get(KEY)).containsExactly(KEY);
            assertThatThrownBy(() -> db.put(KEY, new byte[] {2}))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("leveldb store at " + dir.resolve("db") + " refuses writes")
                    .hasMessageContaining("minFreeSpace")
                    .hasMessageContaining("free space or move the store");
            assertThatThrownBy(() -> db.delete(KEY)).isInstanceOf(StoreException.class);
            try (Batch batch = db.newBatch()) {
                batch.put(new byte[] {3}, KEY);
                assertThatThrownBy(batch::write).isInstanceOf(StoreException.class);
            }
            assertThat(db.get(KEY)).containsExactly(KEY);
            assertThat(db.has(new byte[] {3})).isFalse();
        }
    }

    @Test
    @DisplayName("read-only: reads work, writes throw ReadOnlyException, the lock is held, a missing store is an error")
    void readOnly() {
        String spec = "leveldb:" + dir.resolve("db");
        assertThatThrownBy(() -> Stores.open(spec, OpenMode.READ_ONLY))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("does not exist");
        assertThat(dir.resolve("db")).doesNotExist();
        try (Database db = Stores.open(spec)) {
            db.put(KEY, KEY);
        }
        Database db = Stores.open(spec, OpenMode.READ_ONLY);
        assertThat(db.get(KEY)).containsExactly(KEY);
        assertThatThrownBy(() -> db.put(KEY, KEY)).isInstanceOf(ReadOnlyException.class)
                .hasMessageContaining(dir.resolve("db").toString());
        assertThatThrownBy(() -> db.delete(KEY)).isInstanceOf(ReadOnlyException.class);
        assertThatThrownBy(db::newBatch).isInstanceOf(ReadOnlyException.class);
        assertThatThrownBy(() -> Stores.open(spec)).as("a read-only open still holds LevelDB's LOCK")
                .isInstanceOf(StoreException.class).hasMessageContaining("LOCK held");
        db.close();
        assertThatThrownBy(() -> db.put(KEY, KEY)).isInstanceOf(StoreClosedException.class);
    }
}
