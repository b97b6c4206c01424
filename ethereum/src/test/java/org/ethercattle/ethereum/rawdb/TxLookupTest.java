package org.ethercattle.ethereum.rawdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.ethercattle.core.memory.MemoryDatabase;
import org.ethercattle.ethereum.testchain.TestChain;
import org.ethercattle.ethereum.types.Block;
import org.ethercattle.ethereum.types.Rlp;
import org.ethercattle.ethereum.types.Transaction;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Each tx lookup form geth has written finds its transaction, and an entry left behind by a reorg finds none. */
class TxLookupTest {

    private final Block block = TestChain.blocks().get(0);
    private final Transaction tx = block.body().transactions().get(2);

    private ChainReader storeWith(byte[] lookup) {
        MemoryDatabase db = MemoryDatabase.open();
        new ChainWriter(db).canonicalBlock(block, java.math.BigInteger.ONE);
        db.put(Schema.txLookup(tx.hash()), lookup);
        return new ChainReader(db, Ancients.none());
    }

    @Test
    @DisplayName("v6+: the block number, big-endian without leading zeros")
    void number() {
        assertThat(storeWith(TxLookup.encode(1)).transaction(tx.hash())).hasValueSatisfying(at -> {
            assertThat(at.index()).isEqualTo(2);
            assertThat(at.block().hash()).isEqualTo(block.hash());
        });
    }

    @Test
    @DisplayName("v4 and v5: the 32-byte block hash")
    void blockHash() {
        assertThat(storeWith(block.hash()).transaction(tx.hash())).hasValueSatisfying(at ->
                assertThat(at.index()).isEqualTo(2));
    }

    @Test
    @DisplayName("v3 and earlier: an RLP list [blockHash, blockNumber, txIndex]")
    void legacyEntry() {
        byte[] entry = Rlp.encodeList(List.of(Rlp.string(block.hash()), Rlp.uint(1), Rlp.uint(2)));
        assertThat(storeWith(entry).transaction(tx.hash())).hasValueSatisfying(at ->
                assertThat(at.index()).isEqualTo(2));
    }

    @Test
    @DisplayName("an entry naming a block that does not hold the transaction (a reorg's leftover) finds nothing")
    void staleEntry() {
        MemoryDatabase db = MemoryDatabase.open();
        new ChainWriter(db).canonicalBlock(block, java.math.BigInteger.ONE);
        byte[] otherTx = TestChain.blocks().get(1).body().transactions().get(0).hash();
        db.put(Schema.txLookup(otherTx), TxLookup.encode(1));
        assertThat(new ChainReader(db, Ancients.none()).transaction(otherTx)).isEmpty();
    }

    @Test
    @DisplayName("an entry of none of geth's forms is refused, naming its length")
    void unknownForm() {
        assertThatThrownBy(() -> TxLookup.decode(new byte[12])).hasMessageContaining("12 bytes");
    }
}
