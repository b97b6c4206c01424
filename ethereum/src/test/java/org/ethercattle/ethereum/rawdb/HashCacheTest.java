package org.ethercattle.ethereum.rawdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HashCacheTest {

    private static byte[] hash(int n) {
        byte[] h = new byte[32];
        h[31] = (byte) n;
        h[0] = (byte) (n >> 8);
        return h;
    }

    @Test
    @DisplayName("past its entry bound the least recently used entry goes, not the least recently added")
    void evictsLeastRecentlyUsed() {
        HashCache<String> cache = HashCache.ofEntries(2);
        cache.put(hash(1), "one");
        cache.put(hash(2), "two");
        assertThat(cache.get(hash(1))).isEqualTo("one");
        cache.put(hash(3), "three");
        assertThat(cache.get(hash(2))).isNull();
        assertThat(cache.get(hash(1))).isEqualTo("one");
        assertThat(cache.get(hash(3))).isEqualTo("three");
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    @DisplayName("the weight bound evicts as many entries as it takes; a value heavier than the bound is not kept")
    void weightBound() {
        HashCache<String> cache = new HashCache<>(100, 10, String::length);
        cache.put(hash(1), "aaaa");
        cache.put(hash(2), "bbbb");
        cache.put(hash(3), "cccccccc");
        assertThat(cache.get(hash(1))).isNull();
        assertThat(cache.get(hash(2))).isNull();
        assertThat(cache.get(hash(3))).isEqualTo("cccccccc");
        assertThat(cache.put(hash(4), "x".repeat(11))).hasSize(11);
        assertThat(cache.get(hash(4))).isNull();
        assertThat(cache.get(hash(3))).isEqualTo("cccccccc");
    }

    @Test
    @DisplayName("replacing a value re-weighs it, and the key is copied so a reused array cannot corrupt it")
    void replaceAndKeyCopy() {
        HashCache<String> cache = new HashCache<>(100, 10, String::length);
        byte[] key = hash(7);
        cache.put(key, "12345678");
        cache.put(key, "12");
        cache.put(hash(8), "12345678");
        assertThat(cache.get(hash(7))).isEqualTo("12");
        key[31] = 9;
        assertThat(cache.get(hash(7))).isEqualTo("12");
        assertThat(cache.get(key)).isNull();
    }

    @Test
    @DisplayName("bounds must be positive")
    void bounds() {
        assertThatThrownBy(() -> HashCache.ofEntries(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive");
    }
}
