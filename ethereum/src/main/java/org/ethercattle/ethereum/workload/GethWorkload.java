package org.ethercattle.ethereum.workload;

import java.util.ArrayList;
import java.util.List;
import org.ethercattle.api.Database;
import org.ethercattle.api.record.Op;

/**
 * A seeded generator of go-ethereum-shaped write batches: one {@link GethBlock} per block, each meant to
 * be written as one atomic batch. Used by the demo, the tests and the benchmarks so that they all push
 * the same realistic load.
 *
 * <h2>Shape of one block (means; every size is drawn uniformly from the range shown)</h2>
 * <table>
 *   <caption>writes per block, in the order they appear</caption>
 *   <tr><th>what</th><th>key</th><th>value</th><th>count</th></tr>
 *   <tr><td>header</td><td>{@code 'h'+num+hash} (41 B)</td><td>500..800 B (~650)</td><td>1</td></tr>
 *   <tr><td>canonical hash</td><td>{@code 'h'+num+'n'} (10 B)</td><td>block hash (32 B)</td><td>1</td></tr>
 *   <tr><td>header number</td><td>{@code 'H'+hash} (33 B)</td><td>number (8 B)</td><td>1</td></tr>
 *   <tr><td>body</td><td>{@code 'b'+num+hash}</td><td>1..3 KiB (~2 KiB)</td><td>1</td></tr>
 *   <tr><td>receipts</td><td>{@code 'r'+num+hash}</td><td>700..1900 B (~1.3 KB)</td><td>1</td></tr>
 *   <tr><td>contract code</td><td>{@code 'c'+codeHash} (33 B)</td><td>2..10 KiB (~6 KiB)</td>
 *       <td>1 in 3 blocks</td></tr>
 *   <tr><td>trie nodes</td><td>raw 32-byte hash</td><td>40..120 B (~80)</td><td>650..950 (~800)</td></tr>
 *   <tr><td>snapshot accounts</td><td>{@code 'a'+accountHash} (33 B)</td><td>60..80 B</td>
 *       <td>40, drawn from 100,000 accounts, so keys are overwritten with new values</td></tr>
 *   <tr><td>transient trie node</td><td>raw 32-byte hash</td><td>put, then deleted in the same batch</td>
 *       <td>1</td></tr>
 *   <tr><td>pruned trie nodes (deletes)</td><td>raw 32-byte hash</td><td>-</td>
 *       <td>about 1 in 8 of the nodes of block {@code num - }{@value #PRUNE_DEPTH} (~100)</td></tr>
 *   <tr><td>head markers</td><td>{@code LastHeader}, {@code LastBlock}, {@code LastFast}</td>
 *       <td>block hash (32 B)</td><td>3</td></tr>
 * </table>
 * A block is about 100 KiB of keys and values ({@link GethBlock#byteSize()}) in about 950 ops, most of
 * them 32-byte hash keys with ~80-byte values. Values are random bytes (hashes and RLP of hashes compress
 * poorly in geth too). Keys follow {@link GethKeys}.
 *
 * <h2>Reproducibility</h2>
 * Block {@code n} is a pure function of the seed and {@code n}: the same seed gives the same blocks on
 * every JVM, whatever the order they are asked for in, and a generator started at block {@code n}
 * continues exactly where another left off. Deleted trie nodes are always nodes an earlier block put
 * (when blocks are written from 0 in order), so delete paths are exercised on real keys.
 *
 * <p>Not thread-safe: one thread draws blocks from a generator; {@link #block(long)} may be called from
 * any thread.
 */
public final class GethWorkload {

    /** How many blocks back pruning reaches: block {@code n} deletes some nodes of block {@code n - 32}. */
    public static final int PRUNE_DEPTH = 32;

    /** Size of the account population the snapshot updates draw from. */
    public static final int ACCOUNTS = 100_000;

    private static final int MIN_TRIE_NODES = 650;
    private static final int MAX_TRIE_NODES = 950;
    private static final int ACCOUNT_UPDATES = 40;
    /** A node of an old block is pruned when its selector hash is 0 modulo this. */
    private static final int PRUNE_ONE_IN = 8;

    // Stream domains: each kind of derived value gets its own, so changing one never shifts another.
    private static final long BLOCK_HASH = 1;
    private static final long BLOCK_BODY = 2;
    private static final long TRIE_NODE = 3;
    private static final long NODE_COUNT = 4;
    private static final long PRUNE = 5;
    private static final long ACCOUNT = 6;
    private static final long CODE = 7;
    private static final long TRANSIENT_NODE = 8;

    private static final byte[] LAST_HEADER = GethKeys.headMarker(GethKeys.LAST_HEADER);
    private static final byte[] LAST_BLOCK = GethKeys.headMarker(GethKeys.LAST_BLOCK);
    private static final byte[] LAST_FAST = GethKeys.headMarker(GethKeys.LAST_FAST);

    private final long seed;
    private long next;

    /** A generator whose first block is block 0. */
    public GethWorkload(long seed) {
        this(seed, 0);
    }

    /**
     * A generator whose first block is {@code firstBlock}, e.g. to resume a master that already wrote
     * blocks {@code 0 .. firstBlock - 1} with the same seed.
     */
    public GethWorkload(long seed, long firstBlock) {
        if (firstBlock < 0) {
            throw new IllegalArgumentException("first block " + firstBlock + " is negative");
        }
        this.seed = seed;
        this.next = firstBlock;
    }

    /** The seed this generator was made with. */
    public long seed() {
        return seed;
    }

    /** The number of the block the next {@link #nextBlock()} returns. */
    public long nextBlockNumber() {
        return next;
    }

    /** Generates the next block and advances. */
    public GethBlock nextBlock() {
        return block(next++);
    }

    /**
     * Generates the next block, writes it into {@code database} as one batch, and advances.
     *
     * @return the block written
     */
    public GethBlock writeNextBlock(Database database) {
        GethBlock block = nextBlock();
        block.writeTo(database);
        return block;
    }

    /** Block {@code number} of this seed, without moving the generator. Thread-safe. */
    public GethBlock block(long number) {
        if (number < 0) {
            throw new IllegalArgumentException("block number " + number + " is negative");
        }
        SplitMix64 random = new SplitMix64(SplitMix64.seed(seed, BLOCK_BODY, number));
        byte[] hash = hash(BLOCK_HASH, number, 0);
        int nodes = trieNodeCount(number);
        List<Op> ops = new ArrayList<>(nodes + ACCOUNT_UPDATES + nodes / PRUNE_ONE_IN + 32);

        ops.add(Op.put(GethKeys.header(number, hash), random.bytes(random.between(500, 800))));
        ops.add(Op.put(GethKeys.canonicalHash(number), hash.clone()));
        ops.add(Op.put(GethKeys.headerNumber(hash), GethKeys.encodeNumber(number)));
        ops.add(Op.put(GethKeys.body(number, hash), random.bytes(random.between(1024, 3072))));
        ops.add(Op.put(GethKeys.receipts(number, hash), random.bytes(random.between(700, 1900))));
        if (random.chance(1, 3)) {
            ops.add(Op.put(GethKeys.code(hash(CODE, number, 0)), random.bytes(random.between(2048, 10240))));
        }
        for (int i = 0; i < nodes; i++) {
            ops.add(Op.put(hash(TRIE_NODE, number, i), random.bytes(random.between(40, 120))));
        }
        for (int i = 0; i < ACCOUNT_UPDATES; i++) {
            byte[] account = hash(ACCOUNT, random.nextInt(ACCOUNTS), 0);
            ops.add(Op.put(GethKeys.snapshotAccount(account), random.bytes(random.between(60, 80))));
        }
        // geth's trie commit can write a node and prune it again before the batch is flushed; this
        // checks that replicas keep the order of ops within one batch.
        byte[] transientNode = hash(TRANSIENT_NODE, number, 0);
        ops.add(Op.put(transientNode, random.bytes(random.between(40, 120))));
        ops.add(Op.delete(transientNode.clone()));
        addPrunedNodes(number, ops);
        ops.add(Op.put(LAST_HEADER.clone(), hash.clone()));
        ops.add(Op.put(LAST_BLOCK.clone(), hash.clone()));
        ops.add(Op.put(LAST_FAST.clone(), hash.clone()));
        return new GethBlock(number, hash, ops);
    }

    /** The hash of block {@code number} of this seed. */
    public byte[] blockHash(long number) {
        return hash(BLOCK_HASH, number, 0);
    }

    private void addPrunedNodes(long number, List<Op> ops) {
        long old = number - PRUNE_DEPTH;
        if (old < 0) {
            return;
        }
        int oldNodes = trieNodeCount(old);
        for (int i = 0; i < oldNodes; i++) {
            // The choice depends only on (old, i), so every block prunes disjoint, earlier-written nodes.
            if (Long.remainderUnsigned(SplitMix64.seed(seed, PRUNE, old, i), PRUNE_ONE_IN) == 0) {
                ops.add(Op.delete(hash(TRIE_NODE, old, i)));
            }
        }
    }

    private int trieNodeCount(long number) {
        return new SplitMix64(SplitMix64.seed(seed, NODE_COUNT, number)).between(MIN_TRIE_NODES, MAX_TRIE_NODES);
    }

    private byte[] hash(long domain, long number, long index) {
        byte[] out = new byte[GethKeys.HASH_LENGTH];
        new SplitMix64(SplitMix64.seed(seed, domain, number, index)).fill(out, 0, out.length);
        return out;
    }
}
