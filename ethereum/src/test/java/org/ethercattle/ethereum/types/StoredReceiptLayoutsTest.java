package org.ethercattle.ethereum.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.ethercattle.ethereum.testchain.TestChain;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.web3j.rlp.RlpList;
import org.web3j.rlp.RlpType;

/**
 * geth's three stored receipt layouts (current, v4, v3 with its old eight-field logs) decode to the same consensus
 * receipts, which is what lets a replica of an old database answer as a new geth does.
 */
class StoredReceiptLayoutsTest {

    private static final byte[] ADDRESS = Hex.bytes("7dcd17433742f4c0ca53122ab541d0ba67fc27df");
    private static final byte[] TOPIC = Hex.bytes("00000000000000000000000000000000000000000000000000000000656d6974");
    private static final byte[] DATA = Hex.bytes("01");

    private final List<Transaction> txs = List.of(TestChain.blocks().get(0).body().transactions().get(0));
    private final Receipt expected = new Receipt(txs.get(0).type(), null, 1, 0x102d3,
            List.of(new Log(ADDRESS, List.of(TOPIC), DATA)));

    private static RlpList currentLog() {
        return new RlpList(Rlp.string(ADDRESS), new RlpList(Rlp.string(TOPIC)), Rlp.string(DATA));
    }

    private static RlpList legacyLog() {
        // geth's pre-1.9 LogForStorage: the three consensus fields, then block number, tx hash, tx index,
        // block hash and log index, which current geth ignores.
        return new RlpList(Rlp.string(ADDRESS), new RlpList(Rlp.string(TOPIC)), Rlp.string(DATA), Rlp.uint(1),
                Rlp.string(new byte[32]), Rlp.uint(0), Rlp.string(new byte[32]), Rlp.uint(0));
    }

    private static byte[] stored(RlpType... fields) {
        return Rlp.encodeList(List.of(new RlpList(fields)));
    }

    private void assertDecodesToExpected(byte[] stored) {
        Receipt r = Receipt.decodeStored(stored, txs).get(0);
        assertThat(r.encodeConsensus()).isEqualTo(expected.encodeConsensus());
    }

    @Test
    @DisplayName("the current layout [status, cumulativeGas, logs] round-trips through encodeStored")
    void current() {
        byte[] stored = Receipt.encodeStored(List.of(expected));
        assertThat(stored).isEqualTo(stored(Rlp.string(new byte[] {1}), Rlp.uint(0x102d3), new RlpList(currentLog())));
        assertDecodesToExpected(stored);
    }

    @Test
    @DisplayName("the v4 layout [status, cumulativeGas, txHash, contractAddress, logs, gasUsed] decodes the same")
    void v4() {
        assertDecodesToExpected(stored(Rlp.string(new byte[] {1}), Rlp.uint(0x102d3), Rlp.string(txs.get(0).hash()),
                Rlp.string(new byte[20]), new RlpList(legacyLog()), Rlp.uint(0x102d3)));
    }

    @Test
    @DisplayName("the v3 layout with a bloom and eight-field logs decodes the same")
    void v3() {
        assertDecodesToExpected(stored(Rlp.string(new byte[] {1}), Rlp.uint(0x102d3), Rlp.string(expected.bloom()),
                Rlp.string(txs.get(0).hash()), Rlp.string(new byte[20]), new RlpList(legacyLog()),
                Rlp.uint(0x102d3)));
    }

    @Test
    @DisplayName("a pre-Byzantium post-state root is kept as the outcome, a failed status is 0")
    void outcomes() {
        byte[] root = new byte[32];
        root[0] = 7;
        Receipt withRoot = Receipt.decodeStored(stored(Rlp.string(root), Rlp.uint(21000), new RlpList()), txs).get(0);
        assertThat(withRoot.postState()).isEqualTo(root);
        Receipt failed = Receipt.decodeStored(stored(Rlp.string(new byte[0]), Rlp.uint(21000), new RlpList()), txs)
                .get(0);
        assertThat(failed.postState()).isNull();
        assertThat(failed.status()).isZero();
    }

    @Test
    @DisplayName("a receipt count that is not the transaction count, or an unknown layout, is refused with what was found")
    void refusals() {
        assertThatThrownBy(() -> Receipt.decodeStored(Rlp.encodeList(List.of()), txs))
                .hasMessageContaining("0 receipts for 1 transactions");
        assertThatThrownBy(() -> Receipt.decodeStored(stored(Rlp.string(new byte[] {1}), Rlp.uint(1)), txs))
                .hasMessageContaining("none of geth's layouts");
    }

    @Test
    @DisplayName("a receipt's bloom sets three bits per value: at most six for one address and one topic")
    void bloomBits() {
        byte[] bloom = expected.bloom();
        int bits = 0;
        for (byte b : bloom) {
            bits += Integer.bitCount(b & 0xff);
        }
        assertThat(bits).isBetween(1, 6);
    }
}
