package org.ethercattle.store.layered;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ethercattle.api.Database;
import org.ethercattle.api.ReadOnlyException;
import org.ethercattle.api.StoreException;
import org.ethercattle.api.Stores;
import org.ethercattle.api.spi.Spec;
import org.ethercattle.api.spi.SpecException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two forms of a {@code layered:} spec, and how the provider opens the layers. */
class LayerSpecsTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("inline form: nested specs are URL-decoded, so a nested spec may carry its own parameters")
    void inlineFormDecodesNestedSpecs() {
        LayerSpecs specs = LayerSpecs.of(Spec.parse(
                "layered:?top=rocksdb:/nvme/top&bottom=lmdb:/snap%3FmapSize%3D64g%26sync%3Dnone"));
        assertThat(specs).isEqualTo(new LayerSpecs("rocksdb:/nvme/top", "lmdb:/snap?mapSize=64g&sync=none"));
        assertThat(LayerSpecs.of(Spec.parse(specs.toSpec()))).isEqualTo(specs);
    }

    @Test
    @DisplayName("file form: a properties file, or its directory; ./ paths are relative to the file")
    void fileFormResolvesRelativePaths() throws IOException {
        Files.writeString(dir.resolve(LayerSpecs.FILE_NAME),
                "top=rocksdb:./top\nbottom=lmdb:/abs/snap?mapSize=1g\n", StandardCharsets.UTF_8);
        LayerSpecs fromFile = LayerSpecs.of(Spec.parse("layered:" + dir.resolve(LayerSpecs.FILE_NAME)));
        LayerSpecs fromDirectory = LayerSpecs.of(Spec.parse("layered:" + dir));
        assertThat(fromFile).isEqualTo(new LayerSpecs("rocksdb:" + dir.toAbsolutePath().resolve("top"),
                "lmdb:/abs/snap?mapSize=1g"));
        assertThat(fromDirectory).isEqualTo(fromFile);
    }

    @Test
    @DisplayName("a spec naming both a file and inline layers, or neither, or one layer only, is refused with the forms")
    void malformedSpecsAreRefused() {
        assertThatThrownBy(() -> LayerSpecs.of(Spec.parse("layered:")))
                .isInstanceOf(SpecException.class).hasMessageContaining("layered:?top=<spec>&bottom=<spec>");
        assertThatThrownBy(() -> LayerSpecs.of(Spec.parse("layered:/x?top=memory:a&bottom=memory:b")))
                .isInstanceOf(SpecException.class).hasMessageContaining("not both");
        assertThatThrownBy(() -> LayerSpecs.of(Spec.parse("layered:?top=memory:a")))
                .isInstanceOf(SpecException.class).hasMessageContaining("no bottom layer");
        assertThatThrownBy(() -> LayerSpecs.of(Spec.parse("layered:?top=memory:a&bottom=memory:b&botom=x")))
                .isInstanceOf(SpecException.class).hasMessageContaining("botom");
        assertThatThrownBy(() -> LayerSpecs.of(Spec.parse("layered:" + dir.resolve("missing.properties"))))
                .isInstanceOf(SpecException.class).hasMessageContaining("missing.properties");
    }

    @Test
    @DisplayName("the bottom is opened read-only: it must exist, and the provider never writes it")
    void bottomIsOpenedReadOnly() {
        String bottom = "rocksdb:" + dir.resolve("bottom");
        String spec = new LayerSpecs("rocksdb:" + dir.resolve("top"), bottom).toSpec();
        assertThatThrownBy(() -> Stores.open(spec)).isInstanceOf(StoreException.class)
                .hasMessageContaining(dir.resolve("bottom").toString());
        Stores.open(bottom).close();
        try (Database layered = Stores.open(spec)) {
            assertThat(layered).isInstanceOf(CheckpointableLayeredDatabase.class);
            LayeredDatabase layers = (LayeredDatabase) layered;
            assertThatThrownBy(() -> layers.bottom().put(new byte[] {1}, new byte[] {1}))
                    .isInstanceOf(ReadOnlyException.class);
        }
    }
}
