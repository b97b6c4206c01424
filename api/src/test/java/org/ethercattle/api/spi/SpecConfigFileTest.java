package org.ethercattle.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Spec#withParamsFrom(Path)} and {@link Spec#withConfigFile()}: store options from a properties file. */
class SpecConfigFileTest {

    @TempDir
    Path dir;

    private Path file(String content) throws IOException {
        Path file = dir.resolve("store.properties");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    @DisplayName("a config file adds its parameters, and a parameter written in the spec wins over the file's")
    void fileParamsGoUnderTheSpecsOwn() throws IOException {
        Path file = file("# replica defaults\ncacheSize = 1g\ncompression=zstd\nwal=false\n");
        Spec spec = Spec.parse("rocksdb:/data/db?config=" + file + "&compression=lz4").withConfigFile();
        assertThat(spec.params()).containsOnlyKeys("compression", "cacheSize", "wal")
                .containsEntry("compression", "lz4")
                .containsEntry("cacheSize", "1g")
                .containsEntry("wal", "false");
        assertThat(spec.sizeParam("cacheSize", 0)).isEqualTo(1L << 30);
        assertThat(spec.scheme()).isEqualTo("rocksdb");
        assertThat(spec.path()).isEqualTo("/data/db");
        assertThat(spec.authority()).isNull();
    }

    @Test
    @DisplayName("the merged spec's text parses back to the same spec, values with & = + and spaces included")
    void mergedTextRoundTrips() throws IOException {
        Path file = file("label=a&b=c + d\n");
        Spec spec = Spec.parse("kafka://10.0.0.5:9092/topic?config=" + file).withConfigFile();
        assertThat(spec.param("label", null)).isEqualTo("a&b=c + d");
        Spec again = Spec.parse(spec.text());
        assertThat(again).isEqualTo(spec);
        assertThat(again.authority()).isEqualTo("10.0.0.5:9092");
        assertThat(spec.withPath("other").params()).isEqualTo(spec.params());
    }

    @Test
    @DisplayName("a spec without config is returned as it is")
    void noConfigIsUnchanged() {
        Spec spec = Spec.parse("lmdb:/data/db?mapSize=64g");
        assertThat(spec.withConfigFile()).isSameAs(spec);
    }

    @Test
    @DisplayName("unknown names from the file fail requireOnly like the spec's own")
    void fileParamsAreChecked() throws IOException {
        Path file = file("cacheSize=1g\ncahceSize=2g\n");
        Spec spec = Spec.parse("rocksdb:/data/db?config=" + file).withConfigFile();
        assertThatThrownBy(() -> spec.requireOnly(Set.of("cacheSize")))
                .isInstanceOf(SpecException.class).hasMessageContaining("cahceSize");
    }

    @Test
    @DisplayName("a missing config file is a SpecException naming the file")
    void missingFileNamesIt() {
        Path missing = dir.resolve("nope.properties");
        assertThatThrownBy(() -> Spec.parse("rocksdb:/data/db?config=" + missing).withConfigFile())
                .isInstanceOf(SpecException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("properties");
    }

    @Test
    @DisplayName("a config file that names another config file is refused")
    void configFilesDoNotNest() throws IOException {
        Path file = file("config=/etc/other.properties\n");
        assertThatThrownBy(() -> Spec.parse("rocksdb:/data/db").withParamsFrom(file))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("do not nest");
    }

    @Test
    @DisplayName("secret values from the file are masked in toString like the spec's own")
    void secretsFromTheFileAreMasked() throws IOException {
        Path file = file("password=hunter2\n");
        Spec spec = Spec.parse("pulsar://127.0.0.1:6650/t").withParamsFrom(file);
        assertThat(spec.param("password", null)).isEqualTo("hunter2");
        assertThat(spec.toString()).doesNotContain("hunter2").contains("password=***");
    }
}
