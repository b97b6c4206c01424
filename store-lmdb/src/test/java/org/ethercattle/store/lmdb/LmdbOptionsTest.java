package org.ethercattle.store.lmdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.ethercattle.api.spi.Spec;
import org.ethercattle.api.spi.SpecException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LmdbOptionsTest {

    private static LmdbOptions parse(String spec) {
        return LmdbOptions.from(Spec.parse(spec));
    }

    @Test
    @DisplayName("defaults: 1 GiB map that doubles without limit, sync=nometa, 512 readers, create when missing")
    void defaults() {
        LmdbOptions options = parse("lmdb:/var/lib/cattle/db");
        assertThat(options.directory()).isEqualTo(Path.of("/var/lib/cattle/db"));
        assertThat(options.mapSize()).isEqualTo(new MapSizePolicy(1L << 30, 0, 0));
        assertThat(options.sync()).isEqualTo(LmdbSync.NOMETA);
        assertThat(options.maxReaders()).isEqualTo(512);
        assertThat(options.createIfMissing()).isTrue();
        assertThat(options.growWait()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    @DisplayName("every parameter is read")
    void everyParameter() {
        LmdbOptions options = parse("lmdb:/d?mapSize=64g&mapGrowth=4g&mapSizeMax=1t&sync=false&maxReaders=2048"
                + "&createIfMissing=false&growWait=30s");
        assertThat(options.mapSize()).isEqualTo(new MapSizePolicy(64L << 30, 4L << 30, 1L << 40));
        assertThat(options.sync()).isEqualTo(LmdbSync.NONE);
        assertThat(options.maxReaders()).isEqualTo(2048);
        assertThat(options.createIfMissing()).isFalse();
        assertThat(options.growWait()).isEqualTo(Duration.ofSeconds(30));
        assertThat(parse("lmdb:/d?sync=true").sync()).isEqualTo(LmdbSync.FULL);
        assertThat(parse("lmdb:/d?mapGrowth=double").mapSize().growth()).isZero();
    }

    @Test
    @DisplayName("bad values and unknown names are SpecExceptions that say what is expected")
    void badValues() {
        assertThatThrownBy(() -> parse("lmdb:/d?mapSize=lots")).isInstanceOf(SpecException.class);
        assertThatThrownBy(() -> parse("lmdb:/d?mapSize=1k")).isInstanceOf(SpecException.class)
                .hasMessageContaining("at least 64k");
        assertThatThrownBy(() -> parse("lmdb:/d?mapGrowth=triple")).isInstanceOf(SpecException.class);
        // More than 64-bit Linux's 128 TiB of address space cannot be mapped.
        assertThatThrownBy(() -> parse("lmdb:/d?mapSize=200t")).isInstanceOf(SpecException.class)
                .hasMessageContaining("parameter mapSize=200t is not a size from 0 to 128t");
        assertThatThrownBy(() -> parse("lmdb:/d?mapSizeMax=1p")).isInstanceOf(SpecException.class)
                .hasMessageContaining("mapSizeMax=1p");
        assertThatThrownBy(() -> parse("lmdb:/d?mapGrowth=-4g")).isInstanceOf(SpecException.class)
                .hasMessageContaining("mapGrowth=-4g");
        assertThatThrownBy(() -> parse("lmdb:/d?growWait=-5s")).isInstanceOf(SpecException.class)
                .hasMessageContaining("growWait=-5s");
        assertThat(parse("lmdb:/d?mapSize=128t").mapSize().initial()).isEqualTo(1L << 47);
        assertThatThrownBy(() -> parse("lmdb:/d?maxReaders=0")).isInstanceOf(SpecException.class);
        assertThatThrownBy(() -> parse("lmdb:/d?nosync=true")).isInstanceOf(SpecException.class)
                .hasMessageContaining("mapSize");
        assertThatThrownBy(() -> parse("lmdb:")).isInstanceOf(SpecException.class).hasMessageContaining("path");
    }
}
