package org.ethercattle.ethereum.ethercattle;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.ethercattle.api.record.Op;
import org.ethercattle.ethereum.rawdb.Ancients;

/**
 * Where a replica keeps the original master's ancient (freezer) data: ordinary puts under the prefix
 * {@link #PREFIX}, {@code 0x00 "ethercattle-ancient" 0x00}, so that any store holds them and the replayer
 * applies them like any other write, atomically with its checkpoint.
 *
 * <ul>
 *   <li>{@code PREFIX + kind + '/' + u64 big-endian number} holds one blob of block {@code number};
 *       kinds are go-ethereum's freezer tables {@value #HASHES}, {@value #HEADERS}, {@value #BODIES},
 *       {@value #RECEIPTS} and {@value #DIFFS} (total difficulty).</li>
 *   <li>{@code PREFIX + "count"} holds the number of ancient blocks as a u64 big-endian: an append of
 *       block N sets it to N+1, a truncation to n sets it to n.</li>
 * </ul>
 *
 * <p>The prefix is deliberately outside {@link org.ethercattle.api.ReservedKeys}: that range is for
 * Cattle's bookkeeping, and a replayer refuses log records that write into it. No go-ethereum key starts
 * with it. Reads go through {@link AncientStore}, which hides blocks at or above the count: a truncation
 * is then a single put whatever the number of blocks it drops (atomic and bounded), and the blobs it
 * leaves behind are overwritten when the freezer appends those numbers again (it appends in order).
 */
public final class AncientKeys {

    /** The prefix of every ancient key. */
    public static final byte[] PREFIX = "\0ethercattle-ancient\0".getBytes(StandardCharsets.US_ASCII);
    /** Block hashes. */
    public static final String HASHES = Ancients.HASHES;
    /** RLP headers. */
    public static final String HEADERS = Ancients.HEADERS;
    /** RLP bodies. */
    public static final String BODIES = Ancients.BODIES;
    /** RLP receipts. */
    public static final String RECEIPTS = Ancients.RECEIPTS;
    /** RLP total difficulties. */
    public static final String DIFFS = Ancients.DIFFS;
    /** Every kind, in the order an append writes them. */
    public static final List<String> KINDS = List.of(HASHES, HEADERS, BODIES, RECEIPTS, DIFFS);

    private static final byte[] COUNT_KEY = concat(PREFIX, "count".getBytes(StandardCharsets.US_ASCII));

    private AncientKeys() {}

    /** The key of one blob: {@code PREFIX + kind + '/' + number} (u64 big-endian). */
    public static byte[] key(String kind, long number) {
        byte[] name = (kind + "/").getBytes(StandardCharsets.US_ASCII);
        byte[] key = Arrays.copyOf(PREFIX, PREFIX.length + name.length + Long.BYTES);
        System.arraycopy(name, 0, key, PREFIX.length, name.length);
        for (int i = 0; i < Long.BYTES; i++) {
            key[key.length - 1 - i] = (byte) (number >>> (8 * i));
        }
        return key;
    }

    /** The key holding the number of ancient blocks (a fresh array). */
    public static byte[] countKey() {
        return COUNT_KEY.clone();
    }

    /** Whether {@code key} lies under {@link #PREFIX}. */
    public static boolean isAncient(byte[] key) {
        return key.length >= PREFIX.length && Arrays.equals(key, 0, PREFIX.length, PREFIX, 0, PREFIX.length);
    }

    /** The ops of appending {@code block}: its five blobs, then the count N+1. */
    static List<Op> appendOps(AncientBlock block) {
        long n = block.number();
        return List.of(
                Op.put(key(HASHES, n), block.hash()),
                Op.put(key(HEADERS, n), block.header()),
                Op.put(key(BODIES, n), block.body()),
                Op.put(key(RECEIPTS, n), block.receipts()),
                Op.put(key(DIFFS, n), block.td()),
                Op.put(countKey(), u64(n + 1)));
    }

    /** The op of truncating to {@code count} blocks. */
    static Op truncateOp(long count) {
        return Op.put(countKey(), u64(count));
    }

    /** The block an op list appends, when it is exactly {@link #appendOps} of one block. */
    static Optional<AncientBlock> asAppend(List<Op> ops) {
        if (ops.size() != KINDS.size() + 1) {
            return Optional.empty();
        }
        Op count = ops.get(KINDS.size());
        OptionalLong next = countOf(count);
        if (next.isEmpty() || next.getAsLong() == 0) {
            return Optional.empty();
        }
        long n = next.getAsLong() - 1;
        for (int i = 0; i < KINDS.size(); i++) {
            Op op = ops.get(i);
            if (op.type() != Op.Type.PUT || !Arrays.equals(op.key(), key(KINDS.get(i), n))) {
                return Optional.empty();
            }
        }
        return Optional.of(new AncientBlock(n, ops.get(0).value(), ops.get(1).value(), ops.get(2).value(),
                ops.get(3).value(), ops.get(4).value()));
    }

    /** The count an op list truncates to, when it is exactly {@link #truncateOp}. */
    static OptionalLong asTruncate(List<Op> ops) {
        return ops.size() == 1 ? countOf(ops.get(0)) : OptionalLong.empty();
    }

    private static OptionalLong countOf(Op op) {
        if (op.type() != Op.Type.PUT || !Arrays.equals(op.key(), COUNT_KEY) || op.value().length != Long.BYTES) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(u64(op.value()));
    }

    static byte[] u64(long value) {
        byte[] out = new byte[Long.BYTES];
        for (int i = 0; i < Long.BYTES; i++) {
            out[Long.BYTES - 1 - i] = (byte) (value >>> (8 * i));
        }
        return out;
    }

    static long u64(byte[] bytes) {
        long value = 0;
        for (byte b : bytes) {
            value = (value << 8) | (b & 0xFF);
        }
        return value;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
