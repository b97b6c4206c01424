package org.ethercattle.ethereum.eth;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ethercattle.api.Batch;
import org.ethercattle.api.Database;
import org.ethercattle.ethereum.rawdb.ChainWriter;
import org.ethercattle.ethereum.testchain.TestChain;
import org.ethercattle.ethereum.types.Block;
import org.ethercattle.ethereum.types.Header;
import org.ethercattle.ethereum.types.Hex;
import org.ethercattle.ethereum.types.Log;
import org.ethercattle.ethereum.types.Receipt;
import org.ethercattle.ethereum.types.Transaction;

/**
 * Blocks made for subscription tests on top of the imported test chain, as a replica would receive them: each is a
 * copy of a test-chain block with transactions (its body and sealing fields) re-parented, renumbered and given its
 * own extra data (so two blocks at one height differ), with receipts whose logs are chosen by the test and a header
 * bloom computed from them. State is not executed: subscriptions read headers, bodies and receipts only.
 */
final class CraftedChain {

    /** The test-chain block lent out: the first with transactions. */
    private static final Block TEMPLATE = TestChain.blocks().stream()
            .filter(b -> !b.body().transactions().isEmpty()).findFirst().orElseThrow();

    private final Database db;
    /** The receipts crafted for each block, by block hash, for {@link #copyTo}. */
    private final Map<String, byte[]> storedReceipts = new HashMap<>();

    CraftedChain(Database db) {
        this.db = db;
    }

    /** A log of {@code address} with one topic and {@code data}. */
    static Log log(byte address, byte topic, String data) {
        byte[] a = new byte[20];
        a[19] = address;
        byte[] t = new byte[32];
        t[31] = topic;
        return new Log(a, List.of(t), data.getBytes(StandardCharsets.US_ASCII));
    }

    /** Writes a canonical child of {@code parent} whose first transaction emitted {@code logs}; the head stays. */
    Block child(Header parent, String extra, List<Log> logs) {
        Header t = TEMPLATE.header();
        List<Receipt> receipts = new ArrayList<>();
        byte[] bloom = new byte[256];
        List<Transaction> txs = TEMPLATE.body().transactions();
        for (int i = 0; i < txs.size(); i++) {
            Receipt r = new Receipt(txs.get(i).type(), null, 1, 21_000L * (i + 1), i == 0 ? logs : List.of());
            byte[] b = r.bloom();
            for (int k = 0; k < 256; k++) {
                bloom[k] |= b[k];
            }
            receipts.add(r);
        }
        Header h = Header.encode(parent.hash(), t.uncleHash(), t.coinbase(), t.stateRoot(), t.txRoot(),
                t.receiptRoot(), bloom, t.difficulty(), parent.number() + 1, t.gasLimit(),
                t.gasUsed(), parent.time() + 12, extra.getBytes(StandardCharsets.US_ASCII), t.mixDigest(), t.nonce(),
                t.baseFee(), t.withdrawalsRoot(), t.blobGasUsed(), t.excessBlobGas(), t.parentBeaconRoot(),
                t.requestsHash());
        Block block = new Block(h, TEMPLATE.body());
        byte[] stored = Receipt.encodeStored(receipts);
        storedReceipts.put(Hex.data(block.hash()), stored);
        write(db, block, stored);
        return block;
    }

    /**
     * Writes {@code block}, made by {@link #child} of this chain, into {@code other} as well, with the same receipts
     * (e.g. a second master writing the same chain); the head of {@code other} stays.
     */
    void copyTo(Database other, Block block) {
        byte[] stored = storedReceipts.get(Hex.data(block.hash()));
        if (stored == null) {
            throw new IllegalArgumentException("block " + block.number() + " was not made by this chain");
        }
        write(other, block, stored);
    }

    private static void write(Database target, Block block, byte[] storedReceipts) {
        try (Batch batch = target.newBatch()) {
            ChainWriter writer = new ChainWriter(batch);
            writer.canonicalBlock(block, BigInteger.ONE);
            writer.receipts(block.number(), block.hash(), storedReceipts);
            batch.write();
        }
    }

    /** Moves the head markers to {@code block}, as a replica applying it does. */
    void head(Block block) {
        head(db, block);
    }

    /** Moves the head markers of {@code target} to {@code block}. */
    static void head(Database target, Block block) {
        try (Batch batch = target.newBatch()) {
            new ChainWriter(batch).head(block.hash());
            batch.write();
        }
    }
}
