package org.ethercattle.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.ethercattle.api.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Discovery through {@link java.util.ServiceLoader}: this module's test resources register three
 * store providers (see META-INF/services): {@code plain}, two that both claim {@code twin}, and
 * {@code oldie}, built for an older API, and a class name that does not exist (a broken jar).
 */
class ProviderRegistryTest {

    @AfterEach
    void clearChoice() {
        System.clearProperty("cattle.provider.twin");
    }

    @Test
    @DisplayName("a registered provider is found by its scheme")
    void findsProvider() {
        assertThat(Stores.provider("plain")).isInstanceOf(TestStoreProviders.Plain.class);
        assertThat(Stores.available()).containsKeys("plain", "twin");
    }

    @Test
    @DisplayName("an unknown scheme lists what is on the classpath and names the artifact to add")
    void unknownScheme() {
        assertThatThrownBy(() -> Stores.open("lmdb:/tmp/x"))
                .isInstanceOf(ProviderNotFoundException.class)
                .hasMessageContaining("no store provider for scheme 'lmdb'")
                .hasMessageContaining("plain")
                .hasMessageContaining("org.ethercattle:cattle-store-lmdb");
    }

    @Test
    @DisplayName("an unknown scheme Cattle does not ship lists the known schemes and their artifacts, and how an adapter of one's own is found")
    void foreignScheme() {
        assertThatThrownBy(() -> Stores.open("foodb:/tmp/x"))
                .isInstanceOf(ProviderNotFoundException.class)
                .hasMessageContaining("rocksdb (cattle-store-rocksdb)")
                .hasMessageContaining("CATTLE_CLASSPATH or --plugins DIR")
                .hasMessageContaining("META-INF/services/org.ethercattle.api.spi.StoreProvider")
                .hasMessageContaining("@AutoService(StoreProvider.class)");
    }

    @Test
    @DisplayName("two providers for one scheme fail listing both unless a system property chooses")
    void ambiguousScheme() {
        assertThatThrownBy(() -> Stores.provider("twin"))
                .isInstanceOf(ProviderNotFoundException.class)
                .hasMessageContaining(TestStoreProviders.TwinA.class.getName())
                .hasMessageContaining(TestStoreProviders.TwinB.class.getName())
                .hasMessageContaining("-Dcattle.provider.twin=");
        System.setProperty("cattle.provider.twin", TestStoreProviders.TwinB.class.getName());
        assertThat(Stores.provider("twin")).isInstanceOf(TestStoreProviders.TwinB.class);
    }

    @Test
    @DisplayName("opening passes the parsed spec and the mode to the provider")
    void opensThroughProvider() {
        assertThatThrownBy(() -> Stores.open("plain:/some/where?x=1", OpenMode.READ_ONLY))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessage("plain /some/where READ_ONLY {x=1}");
    }

    @Test
    @DisplayName("a provider built for another API version is refused, naming it, where it came from and both versions")
    void versionMismatch() {
        assertThatThrownBy(() -> Stores.provider("oldie"))
                .isInstanceOf(ProviderNotFoundException.class)
                .hasMessageContaining("store provider " + TestStoreProviders.Oldie.class.getName() + " for scheme 'oldie'")
                .hasMessageContaining("(from " + ProviderRegistry.origin(TestStoreProviders.Oldie.class) + ")")
                .hasMessageContaining("built for Cattle API version 0")
                .hasMessageContaining("the cattle-api on the classpath is version " + Provider.API_VERSION)
                .hasMessageContaining("built for API version " + Provider.API_VERSION + ", or remove it");
    }

    @Test
    @DisplayName("the origin of a provider is its class directory here, and the JDK for a bootstrap class")
    void originNamesWhereAClassWasLoadedFrom() {
        assertThat(ProviderRegistry.origin(TestStoreProviders.Oldie.class)).endsWith("test-classes");
        assertThat(ProviderRegistry.origin(String.class)).isEqualTo("the JDK");
    }

    @Test
    @DisplayName("a provider that fails to load hides no other scheme and is reported when a scheme is missing")
    void brokenProviderIsolated() {
        assertThat(Stores.provider("plain")).isNotNull();
        assertThatThrownBy(() -> Stores.open("lmdb:/tmp/x"))
                .hasMessageContaining("failed to load")
                .hasMessageContaining("NoSuchProviderClass");
    }
}
