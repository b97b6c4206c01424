package org.ethercattle.ethereum.anvil;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The launcher the differential tests rely on: a real Anvil, installed on demand, answering JSON-RPC. */
class AnvilTest {

    @Test
    @DisplayName("Anvil installs, starts on a free port with the requested chain id and prints its dev keys")
    void startsAndAnswers() {
        try (Anvil anvil = Anvil.start(Anvil.Option.chainId(1337))) {
            assertThat(anvil.chainId()).isEqualTo(1337);
            assertThat(anvil.url()).startsWith("http://127.0.0.1:");
            assertThat(anvil.privateKeys()).hasSizeGreaterThanOrEqualTo(10);
            // The standard test mnemonic's first key: a changed default would silently break signed transactions.
            assertThat(anvil.privateKeys().get(0))
                    .isEqualTo("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
            assertThat(anvil.rpc("eth_blockNumber", "[]").asText()).isEqualTo("0x0");
        }
    }
}
