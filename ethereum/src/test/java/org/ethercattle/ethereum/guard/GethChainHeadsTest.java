package org.ethercattle.ethereum.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.ethercattle.api.Database;
import org.ethercattle.core.memory.MemoryDatabase;
import org.ethercattle.ethereum.workload.GethKeys;
import org.junit.jupiter.api.Test;

class GethChainHeadsTest {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void the_default_head_keys_are_gethS_markers() {
        assertThat(GethHeadKeys.DEFAULT).containsExactly(ascii("LastHeader"), ascii("LastBlock"), ascii("LastFast"));
        assertThat(GethChainHeads.DEFAULT.keys()).containsExactlyElementsOf(GethHeadKeys.DEFAULT);
    }

    @Test
    void the_original_ether_cattle_guards_the_header_and_block_heads_only() {
        assertThat(GethHeadKeys.ETHER_CATTLE).containsExactly(ascii("LastHeader"), ascii("LastBlock"));
    }

    @Test
    void a_head_is_numbered_by_gethS_header_number_key_and_unknown_without_it() {
        byte[] known = new byte[32];
        known[31] = 7;
        byte[] unknown = new byte[32];
        unknown[31] = 8;
        try (Database store = MemoryDatabase.open()) {
            store.put(GethKeys.headerNumber(known), GethKeys.encodeNumber(7));
            assertThat(GethChainHeads.DEFAULT.blockNumber(store, known)).isEqualTo(7L);
            assertThat(GethChainHeads.DEFAULT.blockNumber(store, unknown)).isNull();
        }
    }

    @Test
    void the_keys_handed_out_are_copies() {
        GethChainHeads.DEFAULT.keys().get(0)[0] = 'X';
        assertThat(GethChainHeads.DEFAULT.keys().get(0)).isEqualTo(ascii("LastHeader"));
    }
}
