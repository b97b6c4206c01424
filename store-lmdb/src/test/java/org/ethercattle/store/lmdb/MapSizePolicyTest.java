package org.ethercattle.store.lmdb;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MapSizePolicyTest {

    private static final long MIB = 1 << 20;

    @Test
    @DisplayName("doubling stops at the max, then refuses")
    void doublingUpToMax() {
        MapSizePolicy policy = new MapSizePolicy(MIB, 0, 3 * MIB);
        assertThat(policy.next(MIB)).isEqualTo(2 * MIB);
        assertThat(policy.next(2 * MIB)).isEqualTo(3 * MIB);
        assertThat(policy.next(3 * MIB)).isEqualTo(-1);
    }

    @Test
    @DisplayName("additive growth adds the step; without a max it never refuses")
    void additive() {
        MapSizePolicy policy = new MapSizePolicy(MIB, 4 * MIB, 0);
        assertThat(policy.next(MIB)).isEqualTo(5 * MIB);
        assertThat(policy.next(Long.MAX_VALUE / 2)).isGreaterThan(Long.MAX_VALUE / 2);
    }

    @Test
    @DisplayName("sizes are rounded up to 64 KiB")
    void alignment() {
        assertThat(MapSizePolicy.align(1)).isEqualTo(64 * 1024);
        assertThat(MapSizePolicy.align(64 * 1024)).isEqualTo(64 * 1024);
        assertThat(new MapSizePolicy(MIB, 100, 0).next(MIB)).isEqualTo(MIB + 64 * 1024);
    }
}
