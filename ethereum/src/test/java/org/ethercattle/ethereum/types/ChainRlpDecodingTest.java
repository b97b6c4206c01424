package org.ethercattle.ethereum.types;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ethercattle.ethereum.testchain.TestChain;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ChainRlpDecodingTest {

    private final List<Block> blocks = TestChain.blocks();

    @Test
    @DisplayName("chain.rlp decodes to blocks 1..0x36 whose parent hashes link and whose head is the fcu head")
    void blocksLink() {
        assertThat(blocks).hasSize(0x36);
        for (int i = 1; i < blocks.size(); i++) {
            assertThat(blocks.get(i).number()).isEqualTo(i + 1);
            assertThat(blocks.get(i).header().parentHash()).isEqualTo(blocks.get(i - 1).hash());
        }
        assertThat(Hex.data(blocks.get(blocks.size() - 1).hash()))
                .isEqualTo("0xd226371d0b1551adb03fb52b71f08e3e11247fe9b1af994768af8cdaa8e7dcd7");
    }

    @Test
    @DisplayName("every header re-encodes to the bytes it was decoded from, and every block too")
    void reEncodingIsExact() {
        for (Block b : blocks) {
            Header h = b.header();
            Header again = Header.encode(h.parentHash(), h.uncleHash(), h.coinbase(), h.stateRoot(), h.txRoot(),
                    h.receiptRoot(), h.bloom(), h.difficulty(), h.number(), h.gasLimit(), h.gasUsed(), h.time(),
                    h.extra(), h.mixDigest(), h.nonce(), h.baseFee(), h.withdrawalsRoot(), h.blobGasUsed(),
                    h.excessBlobGas(), h.parentBeaconRoot(), h.requestsHash());
            assertThat(again.hash()).isEqualTo(h.hash());
            assertThat(Block.decode(b.encode()).hash()).isEqualTo(h.hash());
        }
    }

    @Test
    @DisplayName("the chain carries every transaction type, and each one's hash and sender recover")
    void everyTransactionType() {
        Set<Integer> types = new HashSet<>();
        int legacyProtected = 0;
        for (Block b : blocks) {
            for (Transaction tx : b.body().transactions()) {
                types.add(tx.type());
                assertThat(Transaction.decode(tx.encoded()).hash()).isEqualTo(tx.hash());
                assertThat(tx.sender()).hasSize(20);
                if (tx.type() == Transaction.LEGACY && tx.isProtected()) {
                    legacyProtected++;
                }
            }
        }
        assertThat(types).contains(Transaction.LEGACY, Transaction.ACCESS_LIST, Transaction.DYNAMIC_FEE,
                Transaction.SET_CODE);
        assertThat(legacyProtected).isPositive();
    }

    @Test
    @DisplayName("the set-code transaction of block 0x2d has the hash, sender and authorization geth reports")
    void setCodeTransaction() {
        Transaction tx = blocks.get(0x2d - 1).body().transactions().get(1);
        assertThat(Hex.data(tx.hash())).isEqualTo("0x99f7e58af4dd2735931a3262705fbe57ea2fcc79497668f74309cdeaf37cc223");
        assertThat(Hex.data(tx.sender())).isEqualTo("0x7435ed30a8b4aeb0877cef0c6e8cffe834eb865f");
        assertThat(tx.authorizationList()).singleElement()
                .satisfies(a -> assertThat(Hex.data(a.address())).isEqualTo("0x8c2319620d7c348bb4e2b2a0b230c81f310e9561"));
    }
}
