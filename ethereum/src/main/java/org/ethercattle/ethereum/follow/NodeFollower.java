package org.ethercattle.ethereum.follow;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.ethercattle.api.Batch;
import org.ethercattle.api.Database;
import org.ethercattle.api.KeyValueWriter;
import org.ethercattle.ethereum.rawdb.Ancients;
import org.ethercattle.ethereum.rawdb.ChainReader;
import org.ethercattle.ethereum.rawdb.ChainWriter;
import org.ethercattle.ethereum.rawdb.Schema;
import org.ethercattle.ethereum.types.Block;
import org.ethercattle.ethereum.types.Header;
import org.ethercattle.ethereum.types.Hex;
import org.ethercattle.ethereum.types.Receipt;
import org.ethercattle.ethereum.types.Transaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows a node's canonical chain into a store in go-ethereum's schema, so that replicas of the store answer
 * chain reads as the node does. The store holds chain data only, no state.
 *
 * <p><b>What is written.</b> For each canonical block, in one atomic batch: header, body, hash-to-number,
 * canonical hash, total difficulty (when the node reports it or the parent's is stored), receipts in geth's stored
 * form, tx lookups, and the head markers. Every part is checked first ({@link NodeBlocks}); a mismatch throws
 * {@link BlockMismatchException} naming the block and field, and nothing of that block is written. Block 0 also
 * brings the database version, the chain configuration ({@link InferredConfig}) and the {@link FollowedStore}
 * marker. Give it a capturing master's database and each batch becomes one log record.
 *
 * <p><b>Reorgs.</b> Each step compares the node's block at the store's head height (or the node's head, if lower)
 * with the store's canonical hash there; on a difference it walks back to the common ancestor, fetches the node's
 * new branch up to the old height and writes, in one batch: the new blocks, canonical hashes (those above a shorter
 * new chain deleted), tx lookups of the old branch that the new one lacks deleted, and the head. A block whose
 * parent hash is not the stored canonical hash below it is never appended; the next step resolves the fork.
 *
 * <p><b>Resume.</b> The store's head marker is the only cursor: after a crash the follower continues from it. On an
 * empty store it starts at {@code from} (genesis is written first in any case); blocks between genesis and
 * {@code from} are left out, and a reorg deeper than the first followed block fails with a message saying so.
 *
 * <p>Callers loop over {@link #step()}, pausing while it reports {@linkplain FollowStep#caughtUp() caught up}
 * ({@code cattle master --follow-rpc} does). Blocks are read from the node up to {@value #READ_AHEAD} ahead of the
 * one being written, on threads of their own, and written strictly in order. Not thread-safe: one follower per
 * store, one calling thread.
 */
public final class NodeFollower {

    /** The deepest reorg handled in one batch; deeper ones fail rather than build an unbounded batch. */
    public static final int MAX_REORG_DEPTH = 10_000;

    /**
     * Blocks read from the node ahead of the one being written ({@link BlockPrefetch}), so that the node answers
     * while the follower checks and writes; the request rate bounds them all together.
     */
    public static final int READ_AHEAD = 4;

    /** Blocks appended per step at most, so that a follower catching up still sees stop requests. */
    public static final int MAX_BLOCKS_PER_STEP = 64;

    private static final Logger LOG = LoggerFactory.getLogger(NodeFollower.class);

    private final Database db;
    private final NodeBlocks node;
    private final long from;
    private final String source;
    private final ChainReader chain;

    /**
     * A follower writing into {@code db}.
     *
     * @param db the store (a capturing master's database, or a plain store in tests)
     * @param node the node followed
     * @param from the first block to follow on an empty store (0 for the whole chain); ignored on resume
     * @param source how to name the node in the {@link FollowedStore} marker and messages, such as its URL
     */
    public NodeFollower(Database db, NodeBlocks node, long from, String source) {
        if (from < 0) {
            throw new IllegalArgumentException("--from must be a block number >= 0, got " + from);
        }
        this.db = db;
        this.node = node;
        this.from = from;
        this.source = source;
        this.chain = new ChainReader(db, Ancients.none());
    }

    /** The store's head block number, or empty before genesis is written. */
    public Optional<Long> head() {
        return chain.headMarker(Schema.HEAD_BLOCK).map(Header::number);
    }

    /**
     * Catches up once: writes genesis if missing, resolves a reorg if the node's chain left the store's, then
     * appends blocks up to the node's head as seen at the start, at most {@value #MAX_BLOCKS_PER_STEP}.
     *
     * @return what was done
     * @throws BlockMismatchException when a block from the node does not check (nothing of it written)
     * @throws NodeException when the node cannot be asked
     * @throws IllegalStateException when a reorg is deeper than the followed chain or {@link #MAX_REORG_DEPTH}
     */
    public FollowStep step() {
        return step(MAX_BLOCKS_PER_STEP);
    }

    /**
     * {@link #step()}, appending at most {@code maxBlocks} blocks (and never more than {@value
     * #MAX_BLOCKS_PER_STEP}); a reorg's rewrite is not counted.
     *
     * @throws IllegalArgumentException if {@code maxBlocks} is not positive
     */
    public FollowStep step(long maxBlocks) {
        if (maxBlocks < 1) {
            throw new IllegalArgumentException("a step appends at least one block, asked for " + maxBlocks);
        }
        long nodeHead = node.headNumber();
        if (head().isEmpty()) {
            writeGenesis();
        }
        long ourHead = head().orElseThrow();
        int reorged = 0;
        long check = Math.min(nodeHead, ourHead);
        byte[] stored = chain.canonicalHash(check).orElse(null);
        byte[] theirs = node.canonicalHash(check);
        if (stored == null || !Arrays.equals(stored, theirs) || nodeHead < ourHead) {
            reorged = reorg(check, ourHead, nodeHead, stored != null && Arrays.equals(stored, theirs));
            if (reorged < 0) {
                return new FollowStep(head().orElseThrow(), 0, 0, nodeHead, false);
            }
            ourHead = head().orElseThrow();
        }
        int appended = 0;
        long last = Math.min(nodeHead, Math.max(ourHead + 1, from) + Math.min(maxBlocks, MAX_BLOCKS_PER_STEP) - 1);
        boolean complete = last == nodeHead;
        long first = Math.max(ourHead + 1, from);
        try (BlockPrefetch<CheckedBlock> blocks = new BlockPrefetch<>(this::checked, first, last, READ_AHEAD)) {
            for (long n = first; blocks.hasNext(); n++) {
                CheckedBlock block = blocks.next();
                if (block == null) {
                    complete = false;
                    break;
                }
                byte[] parent = chain.canonicalHash(n - 1).orElse(null);
                if (parent != null && !Arrays.equals(parent, block.block().header().parentHash())) {
                    LOG.info("block {} from {} does not extend the stored chain: the node reorged; resolving next"
                            + " step", n, source);
                    complete = false;
                    break;
                }
                try (Batch batch = db.newBatch()) {
                    write(batch, block, parentTd(n - 1, parent));
                    new ChainWriter(batch).head(block.hash());
                    batch.write();
                }
                appended++;
            }
        }
        markFinalized();
        return new FollowStep(head().orElseThrow(), appended, reorged, nodeHead, complete);
    }

    private void writeGenesis() {
        CheckedBlock genesis = checked(0);
        if (genesis == null) {
            throw new NodeException("node " + source + " has no block 0; it is not an execution node", 0, null);
        }
        if (chain.canonicalHash(0).isPresent()) {
            throw new IllegalStateException("the store has a genesis block but no head marker (LastBlock): it was "
                    + "not written by a follower, or was damaged; follow into an empty store");
        }
        byte[] config = InferredConfig.of(node.chainId(), genesis.block().header());
        try (Batch batch = db.newBatch()) {
            ChainWriter out = new ChainWriter(batch);
            out.databaseVersion();
            write(batch, genesis, BigInteger.ZERO);
            batch.put(Schema.config(genesis.hash()), config);
            FollowedStore.mark(batch, source);
            out.head(genesis.hash());
            batch.write();
        }
    }

    /**
     * Replaces the store's chain above the common ancestor with the node's.
     *
     * @return the number of old blocks replaced or dropped, or -1 if the node changed again mid-read
     */
    private int reorg(long check, long ourHead, long nodeHead, boolean matchesAtCheck) {
        long ancestor = check;
        if (!matchesAtCheck) {
            ancestor = check - 1;
            while (true) {
                if (check - ancestor > MAX_REORG_DEPTH) {
                    throw new IllegalStateException("reorg on " + source + " deeper than " + MAX_REORG_DEPTH
                            + " blocks below " + check + "; follow into a fresh store with --from");
                }
                byte[] stored = chain.canonicalHash(ancestor).orElse(null);
                if (stored == null) {
                    throw new IllegalStateException("the node " + source + " reorged below block " + (ancestor + 1)
                            + ", the first block this store followed; follow into a fresh store with a lower --from");
                }
                if (Arrays.equals(stored, node.canonicalHash(ancestor))) {
                    break;
                }
                ancestor--;
            }
        }
        long newTop = Math.min(nodeHead, ourHead);
        List<CheckedBlock> branch = new ArrayList<>();
        byte[] previous = chain.canonicalHash(ancestor).orElseThrow();
        for (long n = ancestor + 1; n <= newTop; n++) {
            CheckedBlock b = checked(n);
            if (b == null || !Arrays.equals(b.block().header().parentHash(), previous)) {
                LOG.info("node {} changed its chain while Cattle read a reorg at block {}; retrying", source, n);
                return -1;
            }
            branch.add(b);
            previous = b.hash();
        }
        Set<String> kept = new HashSet<>();
        branch.forEach(b -> b.block().body().transactions().forEach(tx -> kept.add(Hex.data(tx.hash()))));
        try (Batch batch = db.newBatch()) {
            for (long n = ancestor + 1; n <= ourHead; n++) {
                long height = n;
                byte[] old = chain.canonicalHash(n).orElseThrow();
                Block oldBlock = chain.block(n, old).orElseThrow(() -> new IllegalStateException("the store has a "
                        + "canonical hash at " + height + " but not its block; it is damaged"));
                for (Transaction tx : oldBlock.body().transactions()) {
                    if (!kept.contains(Hex.data(tx.hash()))) {
                        batch.delete(Schema.txLookup(tx.hash()));
                    }
                }
                if (n > newTop) {
                    batch.delete(Schema.canonicalHash(n));
                }
            }
            byte[] parent = chain.canonicalHash(ancestor).orElseThrow();
            BigInteger td = parentTd(ancestor, parent);
            for (CheckedBlock b : branch) {
                td = write(batch, b, td);
            }
            new ChainWriter(batch).head(branch.isEmpty() ? parent : branch.get(branch.size() - 1).hash());
            dropStaleFinalized(batch, ancestor);
            batch.write();
        }
        LOG.info("reorg on {}: common ancestor {}, {} old blocks replaced, new head {}", source, ancestor,
                ourHead - ancestor, newTop);
        return (int) (ourHead - ancestor);
    }

    /**
     * Writes one checked block into {@code out}; returns the total difficulty written, or null when unknown.
     *
     * @param parentTd the parent's total difficulty, or null when unknown
     */
    private static BigInteger write(KeyValueWriter out, CheckedBlock b, BigInteger parentTd) {
        BigInteger td = b.totalDifficulty() != null ? b.totalDifficulty()
                : parentTd == null ? null : parentTd.add(b.block().header().difficulty());
        if (td != null) {
            new ChainWriter(out).canonicalBlock(b.block(), td);
        } else {
            // No total difficulty to record (the node hides it and the parent's is not stored): write the rest.
            byte[] tdKey = Schema.totalDifficulty(b.number(), b.hash());
            new ChainWriter(new KeyValueWriter() {
                @Override
                public void put(byte[] key, byte[] value) {
                    if (!Arrays.equals(key, tdKey)) {
                        out.put(key, value);
                    }
                }

                @Override
                public void delete(byte[] key) {
                    out.delete(key);
                }
            }).canonicalBlock(b.block(), BigInteger.ZERO);
        }
        new ChainWriter(out).receipts(b.number(), b.hash(), Receipt.encodeStored(b.receipts()));
        return td;
    }

    /**
     * Block {@code number}, read a second time if the first read does not check: a node that reorgs between the
     * requests for one block gives parts of two blocks once, while a node whose data is wrong gives it twice.
     */
    private CheckedBlock checked(long number) {
        try {
            return node.block(number);
        } catch (BlockMismatchException first) {
            LOG.warn("block {} from {} did not check ({}); reading it again in case the node reorged mid-read",
                    number, source, first.getMessage());
            return node.block(number);
        }
    }

    private BigInteger parentTd(long number, byte[] hash) {
        return hash == null || number < 0 ? null : chain.totalDifficulty(number, hash).orElse(null);
    }

    /** Moves the finalized marker to the node's finalized block when the store holds that block as canonical. */
    private void markFinalized() {
        Optional<Header> finalized = node.finalizedHeader();
        if (finalized.isEmpty()) {
            return;
        }
        byte[] hash = finalized.get().hash();
        byte[] canonical = chain.canonicalHash(finalized.get().number()).orElse(null);
        if (Arrays.equals(hash, canonical) && !Arrays.equals(hash, db.get(Schema.HEAD_FINALIZED_BLOCK))) {
            try (Batch batch = db.newBatch()) {
                new ChainWriter(batch).finalized(hash);
                batch.write();
            }
        }
    }

    /** A finalized marker above the common ancestor names a block no longer canonical: drop it. */
    private void dropStaleFinalized(KeyValueWriter out, long ancestor) {
        chain.headMarker(Schema.HEAD_FINALIZED_BLOCK).ifPresent(f -> {
            if (f.number() > ancestor) {
                out.delete(Schema.HEAD_FINALIZED_BLOCK);
            }
        });
    }

}
