package org.ethercattle.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.ethercattle.api.Batch;
import org.ethercattle.api.record.ChangeRecord;
import org.ethercattle.api.record.Codec;
import org.ethercattle.api.record.Op;
import org.ethercattle.ethereum.workload.GethBlock;
import org.ethercattle.ethereum.workload.GethWorkload;

/**
 * A fixed set of geth-shaped blocks ({@link GethWorkload}, seed {@link #SEED}) generated before any
 * timing starts, so that every benchmark writes the same ops and none pays for generating them. The
 * benchmarks cycle through the pool: after {@link #size()} blocks the same keys come again, as
 * overwrites.
 *
 * <p>Immutable once built; the blocks' arrays must not be changed. Safe to share between threads.
 */
public final class BlockPool {

    /** Every benchmark draws from this seed, so their figures describe the same bytes. */
    public static final long SEED = 0xCA771EL;

    private final List<GethBlock> blocks;
    private final long ops;
    private final long bytes;

    private BlockPool(List<GethBlock> blocks) {
        this.blocks = List.copyOf(blocks);
        long o = 0;
        long b = 0;
        for (GethBlock block : blocks) {
            o += block.ops().size();
            b += block.byteSize();
        }
        this.ops = o;
        this.bytes = b;
    }

    private static final java.util.Map<Integer, BlockPool> SHARED = new java.util.concurrent.ConcurrentHashMap<>();

    /** Blocks {@code 0 .. count-1} of the benchmark seed, generated once per JVM and shared. */
    public static BlockPool shared(int count) {
        return SHARED.computeIfAbsent(count, BlockPool::generate);
    }

    /** Blocks {@code 0 .. count-1} of the benchmark seed. */
    public static BlockPool generate(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("a block pool needs at least one block, not " + count);
        }
        GethWorkload workload = new GethWorkload(SEED);
        List<GethBlock> blocks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            blocks.add(workload.nextBlock());
        }
        return new BlockPool(blocks);
    }

    /** Number of blocks. */
    public int size() {
        return blocks.size();
    }

    /** Block {@code i} modulo the pool size. */
    public GethBlock block(long i) {
        return blocks.get((int) Math.floorMod(i, (long) blocks.size()));
    }

    /** Ops in the whole pool. */
    public long ops() {
        return ops;
    }

    /** Key plus value bytes in the whole pool. */
    public long bytes() {
        return bytes;
    }

    /** Queues every op of {@code block} into {@code batch}, in order. */
    public static void queue(GethBlock block, Batch batch) {
        List<Op> ops = block.ops();
        for (int i = 0, n = ops.size(); i < n; i++) {
            Op op = ops.get(i);
            if (op.type() == Op.Type.PUT) {
                batch.put(op.key(), op.value());
            } else {
                batch.delete(op.key());
            }
        }
    }

    /**
     * Every block encoded as the master would append it: one batch record per block from one producer,
     * sequences {@code 0 .. size-1}, each as the messages {@code codec} makes for it.
     */
    public List<List<byte[]>> encode(Codec codec, UUID producer, int maxMessageBytes) {
        List<List<byte[]>> out = new ArrayList<>(blocks.size());
        for (int i = 0; i < blocks.size(); i++) {
            ChangeRecord record = ChangeRecord.batch(producer, i, 1_700_000_000_000L + i, blocks.get(i).ops());
            out.add(codec.encode(record, maxMessageBytes));
        }
        return out;
    }
}
