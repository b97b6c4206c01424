package org.ethercattle.ethereum.workload;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.ethercattle.api.Batch;
import org.ethercattle.api.Database;
import org.ethercattle.api.record.Op;

/**
 * One generated block: the writes geth would commit for it, in order, meant to be applied as one
 * atomic batch.
 *
 * @param number the block number
 * @param hash   the block's 32-byte hash (also the value of the head markers); owned by the block
 * @param ops    the writes in order; unmodifiable, and its arrays must not be changed
 */
public record GethBlock(long number, byte[] hash, List<Op> ops) {

    public GethBlock {
        Objects.requireNonNull(hash, "hash");
        ops = List.copyOf(ops);
    }

    /** Key plus value bytes of every op: what the block adds to a batch's {@link Batch#valueSize()}. */
    public long byteSize() {
        long total = 0;
        for (Op op : ops) {
            total += op.byteSize();
        }
        return total;
    }

    /** Number of deletes among the ops. */
    public int deleteCount() {
        int deletes = 0;
        for (Op op : ops) {
            if (op.type() == Op.Type.DELETE) {
                deletes++;
            }
        }
        return deletes;
    }

    /**
     * Writes every op into {@code database} as one batch ({@link Batch#write()} once), so a capturing
     * database turns the block into one change record.
     */
    public void writeTo(Database database) {
        try (Batch batch = database.newBatch()) {
            for (Op op : ops) {
                if (op.type() == Op.Type.PUT) {
                    batch.put(op.key(), op.value());
                } else {
                    batch.delete(op.key());
                }
            }
            batch.write();
        }
    }

    /** Blocks are equal when number, hash and every op are. */
    @Override
    public boolean equals(Object o) {
        return o instanceof GethBlock other
                && number == other.number
                && Arrays.equals(hash, other.hash)
                && ops.equals(other.ops);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(number) * 31 + Arrays.hashCode(hash);
    }

    @Override
    public String toString() {
        return "block " + number + " (" + ops.size() + " ops, " + byteSize() + " B)";
    }
}
