package org.ethercattle.ethereum;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

class SmokeTest {
    @Test
    void keccak_of_the_empty_string_is_geths_empty_code_hash() {
        assertThat(Numeric.toHexString(Hash.sha3(new byte[0])))
                .isEqualTo("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
    }
}
