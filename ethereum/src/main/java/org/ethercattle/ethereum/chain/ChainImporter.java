package org.ethercattle.ethereum.chain;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import org.ethercattle.api.Batch;
import org.ethercattle.api.Database;
import org.ethercattle.ethereum.rawdb.ChainWriter;
import org.ethercattle.ethereum.rawdb.Schema;
import org.ethercattle.ethereum.state.AccountState;
import org.ethercattle.ethereum.state.StateImporter;
import org.ethercattle.ethereum.types.Block;
import org.ethercattle.ethereum.types.Header;
import org.ethercattle.ethereum.types.Hex;

/**
 * Writes a chain into a store in go-ethereum's schema, as {@code geth init} followed by {@code geth import} would
 * leave it, minus what needs an EVM: the genesis block and state, every block (header, body, canonical hash,
 * number, total difficulty, tx lookups), the chain configuration, the head and finalized markers, and optionally
 * the full state at the head from a state dump. Receipts are not written (executing the blocks is what produces
 * them); stores fed by a real geth master or a node follower carry them.
 *
 * <p>Everything is checked before it is written: the genesis hash must be block 1's parent, each block must name
 * its predecessor, and a head state's root must be the head header's state root. A mismatch is an
 * {@link IllegalArgumentException} naming the block and field, and nothing of that block is written. Writes go in
 * atomic batches of {@value #BLOCKS_PER_BATCH} blocks; the head markers move with the last batch.
 */
public final class ChainImporter {

    /** Blocks written per store batch. */
    public static final int BLOCKS_PER_BATCH = 1_000;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Database db;

    /** An importer into {@code db}. */
    public ChainImporter(Database db) {
        this.db = db;
    }

    /**
     * Imports {@code genesis} (its allocation as {@code genesisAccounts}), then {@code blocks} (1, 2, ...), then
     * the head state if {@code headState} is not null, and marks the last block head and finalized.
     *
     * @return the head header
     */
    public Header importChain(Genesis genesis, Iterable<AccountState> genesisAccounts, List<Block> blocks,
            Iterable<AccountState> headState) {
        return importChain(genesis, genesisAccounts, blocks, headState, null);
    }

    /**
     * As {@link #importChain(Genesis, Iterable, List, Iterable)}, with the head and finalized markers where a
     * forkchoice ({@code engine_forkchoiceUpdated}, e.g. {@code headfcu.json}) puts them instead of at the last
     * block; {@code null} for the last block. The head state, if given, must be the forkchoice head's.
     *
     * @throws IllegalArgumentException when the forkchoice names a block the chain does not hold
     */
    public Header importChain(Genesis genesis, Iterable<AccountState> genesisAccounts, List<Block> blocks,
            Iterable<AccountState> headState, Forkchoice forkchoice) {
        Header genesisHeader;
        BigInteger td;
        try (Batch batch = db.newBatch()) {
            byte[] root = new StateImporter(batch).write(genesisAccounts);
            genesisHeader = genesis.header(root);
            Block genesisBlock = new Block(genesisHeader,
                    org.ethercattle.ethereum.types.Body.empty(genesisHeader.withdrawalsRoot() != null));
            td = genesisHeader.difficulty();
            ChainWriter out = new ChainWriter(batch);
            out.canonicalBlock(genesisBlock, td);
            out.databaseVersion();
            batch.put(Schema.config(genesisHeader.hash()), json(genesis));
            if (blocks.isEmpty()) {
                out.head(genesisHeader.hash());
                out.finalized(genesisHeader.hash());
            }
            batch.write();
        }
        Header previous = genesisHeader;
        for (int from = 0; from < blocks.size(); from += BLOCKS_PER_BATCH) {
            List<Block> slice = blocks.subList(from, Math.min(blocks.size(), from + BLOCKS_PER_BATCH));
            try (Batch batch = db.newBatch()) {
                ChainWriter out = new ChainWriter(batch);
                for (Block b : slice) {
                    requireChild(previous, b.header());
                    td = td.add(b.header().difficulty());
                    out.canonicalBlock(b, td);
                    previous = b.header();
                }
                if (from + slice.size() == blocks.size()) {
                    Header head = forkchoice == null ? previous : find(blocks, forkchoice.head(), "head");
                    Header finalized = forkchoice == null ? previous
                            : find(blocks, forkchoice.finalized(), "finalized");
                    if (headState != null) {
                        byte[] root = new StateImporter(batch).write(headState);
                        if (!Arrays.equals(root, head.stateRoot())) {
                            throw new IllegalArgumentException("head state root " + Hex.data(root) + " is not block "
                                    + head.number() + "'s state root " + Hex.data(head.stateRoot())
                                    + ": the state dump is of another block");
                        }
                    }
                    out.head(head.hash());
                    out.finalized(finalized.hash());
                    previous = head;
                }
                batch.write();
            }
        }
        return previous;
    }

    /**
     * Where a forkchoice puts the chain's markers.
     *
     * @param head the head block's hash
     * @param safe the safe block's hash (geth keeps it in memory only: it is checked, not stored)
     * @param finalized the finalized block's hash
     */
    public record Forkchoice(byte[] head, byte[] safe, byte[] finalized) {

        /** Reads an {@code engine_forkchoiceUpdated} request (its first parameter), as hive's headfcu.json. */
        public static Forkchoice read(java.nio.file.Path file) {
            try {
                com.fasterxml.jackson.databind.JsonNode state = MAPPER.readTree(java.nio.file.Files.readAllBytes(file))
                        .path("params").path(0);
                return new Forkchoice(hash(state, "headBlockHash", file), hash(state, "safeBlockHash", file),
                        hash(state, "finalizedBlockHash", file));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot read forkchoice file " + file, e);
            }
        }

        private static byte[] hash(com.fasterxml.jackson.databind.JsonNode state, String field, java.nio.file.Path f) {
            if (!state.hasNonNull(field)) {
                throw new IllegalArgumentException("forkchoice file " + f + " has no params[0]." + field
                        + ": expected an engine_forkchoiceUpdated request such as headfcu.json");
            }
            return Hex.bytes(state.get(field).asText());
        }
    }

    private static Header find(List<Block> blocks, byte[] hash, String which) {
        for (int i = blocks.size() - 1; i >= 0; i--) {
            if (Arrays.equals(blocks.get(i).hash(), hash)) {
                return blocks.get(i).header();
            }
        }
        throw new IllegalArgumentException("the forkchoice's " + which + " block " + Hex.data(hash)
                + " is not in the chain file: the forkchoice belongs to another chain");
    }

    private static void requireChild(Header parent, Header child) {
        if (child.number() != parent.number() + 1 || !Arrays.equals(child.parentHash(), parent.hash())) {
            throw new IllegalArgumentException("block " + child.number() + " (" + Hex.data(child.hash())
                    + ") names parent " + Hex.data(child.parentHash()) + ", but block " + parent.number()
                    + " is " + Hex.data(parent.hash()) + (parent.number() == 0
                    ? ": the genesis file is not this chain's" : ": the chain file has a gap or a fork"));
        }
    }

    private static byte[] json(Genesis genesis) {
        try {
            return MAPPER.writeValueAsBytes(genesis.json().get("config"));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the chain configuration", e);
        }
    }

}
