package org.ethercattle.ethereum.testchain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ethercattle.api.Database;
import org.ethercattle.api.Stores;
import org.ethercattle.ethereum.chain.ChainImporter;
import org.ethercattle.ethereum.chain.Genesis;
import org.ethercattle.ethereum.state.StateJson;
import org.ethercattle.ethereum.types.Header;

/**
 * The execution-apis test chain imported into a real RocksDB store on disk, as {@code cattle eth import} writes
 * it: genesis state and block, blocks 1..0x36, and the full state at the head.
 */
public final class ImportedTestChain {

    private ImportedTestChain() {}

    /** Imports the chain into a new RocksDB store under {@code dir} and returns it open; the caller closes it. */
    public static Database importInto(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Database db = Stores.open("rocksdb:" + dir);
        importInto(db);
        return db;
    }

    /** Imports the chain into {@code db} (e.g. a capturing master, so that it reaches a log). */
    public static void importInto(Database db) {
        Genesis genesis = Genesis.read(TestChain.tests("genesis.json"));
        Header head = new ChainImporter(db).importChain(genesis,
                StateJson.readGenesisAlloc(TestChain.tests("genesis.json")), TestChain.blocks(),
                StateJson.readDump(TestChain.root().resolve("tools/chain/headstate.json")));
        if (head.number() != 0x36) {
            throw new IllegalStateException("imported head is block " + head.number() + ", want 0x36");
        }
    }
}
