package org.ethercattle.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.ethercattle.api.spi.Spec;
import org.ethercattle.api.spi.SpecException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RocksDbSettingsTest {

    @Test
    @DisplayName("a spec without parameters gets the documented defaults")
    void defaults() {
        RocksDbSettings settings = RocksDbSettings.from(Spec.parse("rocksdb:/var/lib/cattle/db"));
        assertThat(settings).isEqualTo(new RocksDbSettings(Path.of("/var/lib/cattle/db"), 256L << 20,
                Compression.LZ4, 64L << 20, 4, true, false, 4096, true, 10, Compaction.LEVEL, 20, 36, 60, 80,
                RocksDbSettings.DEFAULT_BULK_L0_COMPACTION_FILES, DirectIo.AUTO));
    }

    @Test
    @DisplayName("every parameter is read, with sizes in binary units and case-insensitive names of codecs")
    void everyParameter() {
        RocksDbSettings settings = RocksDbSettings.from(Spec.parse("rocksdb:/d?cacheSize=1g&compression=ZSTD"
                + "&writeBufferSize=128m&maxWriteBuffers=6&wal=false&sync=false&maxOpenFiles=-1"
                + "&createIfMissing=false&bloomBits=0&compaction=universal&l0SlowdownFiles=60&l0StopFiles=90"
                + "&bulkL0SlowdownFiles=100&bulkL0StopFiles=120&bulkL0CompactionFiles=0&directIo=true"));
        assertThat(settings).isEqualTo(new RocksDbSettings(Path.of("/d"), 1L << 30, Compression.ZSTD,
                128L << 20, 6, false, false, -1, false, 0, Compaction.UNIVERSAL, 60, 90, 100, 120, 0, DirectIo.TRUE));
    }

    @Test
    @DisplayName("level-0 limits: the stop limit follows a raised slowdown limit, and may not be below it")
    void levelZeroLimits() {
        assertThat(RocksDbSettings.from(Spec.parse("rocksdb:/d?l0SlowdownFiles=50")).l0StopFiles()).isEqualTo(50);
        assertThatThrownBy(() -> RocksDbSettings.from(Spec.parse("rocksdb:/d?l0SlowdownFiles=50&l0StopFiles=40")))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("l0StopFiles=40 is below l0SlowdownFiles=50");
    }

    @Test
    @DisplayName("bulk-load limits: they follow raised normal limits, may not be below them, and stop >= slowdown")
    void bulkLoadLimits() {
        RocksDbSettings raised = RocksDbSettings.from(Spec.parse("rocksdb:/d?l0SlowdownFiles=70&l0StopFiles=90"));
        assertThat(raised.bulkL0SlowdownFiles()).isEqualTo(70);
        assertThat(raised.bulkL0StopFiles()).isEqualTo(90);
        assertThat(RocksDbSettings.from(Spec.parse("rocksdb:/d?bulkL0SlowdownFiles=200")).bulkL0StopFiles())
                .isEqualTo(200);
        assertThatThrownBy(() -> RocksDbSettings.from(Spec.parse("rocksdb:/d?bulkL0SlowdownFiles=10")))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("bulkL0SlowdownFiles=10 is out of range; give a whole number from 20");
        assertThatThrownBy(() -> RocksDbSettings.from(
                Spec.parse("rocksdb:/d?bulkL0SlowdownFiles=100&bulkL0StopFiles=90")))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("bulkL0StopFiles=90 is below bulkL0SlowdownFiles=100");
        assertThatThrownBy(() -> RocksDbSettings.from(Spec.parse("rocksdb:/d?bulkL0CompactionFiles=-1")))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("bulkL0CompactionFiles=-1 is out of range; give a whole number from 0");
    }

    @Test
    @DisplayName("an unknown parameter is a SpecException listing the known ones")
    void unknownParameter() {
        assertThatThrownBy(() -> RocksDbSettings.from(Spec.parse("rocksdb:/d?cachesize=1g")))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("cachesize")
                .hasMessageContaining("cacheSize");
    }

    @Test
    @DisplayName("bad values are SpecExceptions naming the parameter")
    void badValues() {
        assertThatThrownBy(() -> RocksDbSettings.from(Spec.parse("rocksdb:/d?compression=gzip")))
                .isInstanceOf(SpecException.class).hasMessageContaining("compression");
        assertThatThrownBy(() -> RocksDbSettings.from(Spec.parse("rocksdb:/d?maxWriteBuffers=1")))
                .isInstanceOf(SpecException.class).hasMessageContaining("maxWriteBuffers");
        assertThatThrownBy(() -> RocksDbSettings.from(Spec.parse("rocksdb:/d?maxOpenFiles=3")))
                .isInstanceOf(SpecException.class).hasMessageContaining("maxOpenFiles");
        assertThatThrownBy(() -> RocksDbSettings.from(Spec.parse("rocksdb:/d?writeBufferSize=1k")))
                .isInstanceOf(SpecException.class).hasMessageContaining("writeBufferSize");
        assertThatThrownBy(() -> RocksDbSettings.from(Spec.parse("rocksdb:/d?wal=maybe")))
                .isInstanceOf(SpecException.class).hasMessageContaining("wal");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"cacheSize=100t|0 to 1t", "cacheSize=2t|0 to 1t", "cacheSize=-1|0 to 1p",
        "cacheSize=99999999999999999999|0 to 1p", "cacheSize=1.5g|0 to 1p", "writeBufferSize=65g|64k to 64g",
        "writeBufferSize=32k|64k to 64g", "writeBufferSize=64x|0 to 1p"})
    @DisplayName("a size out of its range fails in one line naming the parameter, the value and the range")
    void sizeRanges(String row) {
        String param = row.substring(0, row.indexOf('|'));
        assertThatThrownBy(() -> RocksDbSettings.from(Spec.parse("rocksdb:/d?" + param)))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("parameter " + param + " is not a size from " + row.substring(row.indexOf('|') + 1))
                .satisfies(e -> assertThat(e.getMessage().lines()).hasSize(1));
    }

    @Test
    @DisplayName("cacheSize takes 0 (no cache) to 1t, writeBufferSize 64k to 64g")
    void sizeBounds() {
        assertThat(RocksDbSettings.from(Spec.parse("rocksdb:/d?cacheSize=0")).cacheSize()).isZero();
        assertThat(RocksDbSettings.from(Spec.parse("rocksdb:/d?cacheSize=1t&writeBufferSize=64g")).cacheSize())
                .isEqualTo(1L << 40);
        assertThat(RocksDbSettings.from(Spec.parse("rocksdb:/d?writeBufferSize=64k")).writeBufferSize())
                .isEqualTo(64L << 10);
    }

    @Test
    @DisplayName("sync=true without the write-ahead log is refused: there would be nothing to sync")
    void syncNeedsWal() {
        assertThatThrownBy(() -> RocksDbSettings.from(Spec.parse("rocksdb:/d?wal=false&sync=true")))
                .isInstanceOf(SpecException.class).hasMessageContaining("sync=true needs wal=true");
    }

    @Test
    @DisplayName("a spec without a path is refused")
    void pathRequired() {
        assertThatThrownBy(() -> RocksDbSettings.from(Spec.parse("rocksdb:"))).isInstanceOf(SpecException.class);
    }
}
