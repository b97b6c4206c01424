package org.ethercattle.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SpecTest {

    @Test
    @DisplayName("a path spec has a scheme, a path and no authority")
    void pathSpec() {
        Spec spec = Spec.parse("rocksdb:/var/lib/cattle/db");
        assertThat(spec.scheme()).isEqualTo("rocksdb");
        assertThat(spec.authority()).isNull();
        assertThat(spec.path()).isEqualTo("/var/lib/cattle/db");
        assertThat(spec.params()).isEmpty();
    }

    @Test
    @DisplayName("a server spec has host:port as authority and the rest as path")
    void serverSpec() {
        Spec spec = Spec.parse("pulsar://127.0.0.1:6650/persistent/public/default/mainnet-cdc?token=abc");
        assertThat(spec.authority()).isEqualTo("127.0.0.1:6650");
        assertThat(spec.path()).isEqualTo("persistent/public/default/mainnet-cdc");
        assertThat(spec.param("token", null)).isEqualTo("abc");
    }

    @Test
    @DisplayName("a name spec keeps the name as its path")
    void nameSpec() {
        assertThat(Spec.parse("memory:demo").path()).isEqualTo("demo");
    }

    @Test
    @DisplayName("parameters are URL-decoded and typed")
    void typedParams() {
        Spec spec = Spec.parse("lmdb:/data/db?mapSize=64g&sync=false&age=7d&wait=500ms&n=12&x=a%26b");
        assertThat(spec.sizeParam("mapSize", 0)).isEqualTo(64L << 30);
        assertThat(spec.booleanParam("sync", true)).isFalse();
        assertThat(spec.durationParam("age", Duration.ZERO)).isEqualTo(Duration.ofDays(7));
        assertThat(spec.durationParam("wait", Duration.ZERO)).isEqualTo(Duration.ofMillis(500));
        assertThat(spec.longParam("n", 0)).isEqualTo(12);
        assertThat(spec.param("x", null)).isEqualTo("a&b");
        assertThat(spec.longParam("absent", 7)).isEqualTo(7);
    }

    @Test
    @DisplayName("a spec without a scheme fails showing the expected form")
    void missingScheme() {
        assertThatThrownBy(() -> Spec.parse("/var/lib/db"))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("no scheme")
                .hasMessageContaining("rocksdb:/var/lib/cattle/db");
    }

    @Test
    @DisplayName("an unknown parameter fails naming it and the accepted ones")
    void unknownParameter() {
        Spec spec = Spec.parse("rocksdb:/db?cachesize=1g");
        assertThatThrownBy(() -> spec.requireOnly(Set.of("cacheSize", "wal")))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("unknown parameter 'cachesize'")
                .hasMessageContaining("[cacheSize, wal]");
    }

    @Test
    @DisplayName("a bad value fails naming the parameter and what it should be")
    void badValue() {
        Spec spec = Spec.parse("lmdb:/db?mapSize=lots");
        assertThatThrownBy(() -> spec.sizeParam("mapSize", 0))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("mapSize=lots")
                .hasMessageContaining("64k");
    }

    @Test
    @DisplayName("secrets are masked when a spec is printed or rejected")
    void secretsMasked() {
        Spec spec = Spec.parse("kafka://h:9092/t?saslPassword=hunter2&token=t0k&acks=all");
        assertThat(spec.toString()).doesNotContain("hunter2").doesNotContain("t0k").contains("acks=all");
        assertThatThrownBy(() -> spec.requireOnly(Set.of("acks")))
                .hasMessageNotContaining("hunter2");
    }

    @Test
    @DisplayName("a parameter given twice is an error, not a silent last-wins")
    void duplicateParameter() {
        assertThatThrownBy(() -> Spec.parse("file:/log?fsync=always&fsync=never"))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("twice");
    }

    @Test
    @DisplayName("requirePath fails clearly on an empty path")
    void requirePath() {
        assertThatThrownBy(() -> Spec.parse("rocksdb:").requirePath())
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("needs a path");
    }

    @Test
    @DisplayName("withPath keeps scheme, authority and parameters")
    void withPath() {
        assertThat(Spec.parse("rocksdb:/a/db?cacheSize=1g&wal=false").withPath("/b/copy").text())
                .isEqualTo("rocksdb:/b/copy?cacheSize=1g&wal=false");
        assertThat(Spec.parse("kafka://h:9092/topic?acks=all").withPath("other").text())
                .isEqualTo("kafka://h:9092/other?acks=all");
        assertThat(Spec.parse("memory:x").withPath("y").path()).isEqualTo("y");
    }
}
