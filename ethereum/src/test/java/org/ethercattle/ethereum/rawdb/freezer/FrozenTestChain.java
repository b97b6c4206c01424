package org.ethercattle.ethereum.rawdb.freezer;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ethercattle.api.Database;
import org.ethercattle.core.memory.MemoryDatabase;
import org.ethercattle.ethereum.chain.ChainImporter;
import org.ethercattle.ethereum.chain.Genesis;
import org.ethercattle.ethereum.rawdb.Ancients;
import org.ethercattle.ethereum.rawdb.ChainReader;
import org.ethercattle.ethereum.state.StateJson;
import org.ethercattle.ethereum.testchain.TestChain;
import org.ethercattle.ethereum.types.Block;
import org.ethercattle.ethereum.types.Rlp;

/**
 * Test-only: the execution-apis test chain (genesis plus blocks 1..0x36 of {@code chain.rlp}) as the blobs geth
 * freezes, and freezer tables filled with them by {@link FreezerTableWriter}.
 *
 * <p>The genesis block comes from importing {@code genesis.json} (chain.rlp starts at block 1). chain.rlp carries
 * no receipts, so each block's receipts blob is a placeholder, the RLP list {@code [number]}: distinct per block,
 * which is all a round trip through the freezer needs.
 */
final class FrozenTestChain {

    private static List<Block> blocks;

    private FrozenTestChain() {}

    /** Blocks 0 .. 0x36, genesis first. */
    static synchronized List<Block> blocks() {
        if (blocks == null) {
            List<Block> all = new ArrayList<>();
            try (Database db = MemoryDatabase.open()) {
                Path genesisFile = TestChain.tests("genesis.json");
                new ChainImporter(db).importChain(Genesis.read(genesisFile), StateJson.readGenesisAlloc(genesisFile),
                        List.of(), null);
                ChainReader reader = new ChainReader(db, Ancients.none());
                byte[] hash = reader.canonicalHash(0).orElseThrow();
                all.add(reader.block(0, hash).orElseThrow());
            }
            all.addAll(TestChain.blocks());
            blocks = List.copyOf(all);
        }
        return blocks;
    }

    /** The total difficulty at each block, as geth stores it (an RLP integer). */
    static List<byte[]> totalDifficulties() {
        List<byte[]> tds = new ArrayList<>();
        BigInteger td = BigInteger.ZERO;
        for (Block b : blocks()) {
            td = td.add(b.header().difficulty());
            tds.add(Rlp.encode(Rlp.uint(td)));
        }
        return tds;
    }

    /** The placeholder receipts blob of block {@code number}. */
    static byte[] receipts(long number) {
        return Rlp.encodeList(List.of(Rlp.uint(number)));
    }

    /**
     * The five chain tables holding every block, compressed as geth's {@code chainFreezerTableConfigs} and older
     * {@code chainFreezerNoSnappy} say (hashes and diffs raw, the rest snappy), with data files of at most
     * {@code maxFileSize} bytes.
     */
    static Map<String, FreezerTableWriter> tables(long maxFileSize) {
        Map<String, FreezerTableWriter> tables = new LinkedHashMap<>();
        tables.put(Ancients.HASHES, new FreezerTableWriter(Ancients.HASHES, false, maxFileSize));
        tables.put(Ancients.HEADERS, new FreezerTableWriter(Ancients.HEADERS, true, maxFileSize));
        tables.put(Ancients.BODIES, new FreezerTableWriter(Ancients.BODIES, true, maxFileSize));
        tables.put(Ancients.RECEIPTS, new FreezerTableWriter(Ancients.RECEIPTS, true, maxFileSize));
        tables.put(Ancients.DIFFS, new FreezerTableWriter(Ancients.DIFFS, false, maxFileSize));
        List<byte[]> tds = totalDifficulties();
        for (Block b : blocks()) {
            int n = (int) b.number();
            tables.get(Ancients.HASHES).append(b.hash());
            tables.get(Ancients.HEADERS).append(b.header().rlp());
            tables.get(Ancients.BODIES).append(b.body().rlp());
            tables.get(Ancients.RECEIPTS).append(receipts(n));
            tables.get(Ancients.DIFFS).append(tds.get(n));
        }
        return tables;
    }

    /** Writes every table into {@code dir}. */
    static void write(Map<String, FreezerTableWriter> tables, Path dir) {
        tables.values().forEach(t -> t.writeTo(dir));
    }
}
