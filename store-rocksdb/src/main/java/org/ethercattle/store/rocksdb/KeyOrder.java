package org.ethercattle.store.rocksdb;

import java.util.Arrays;

/**
 * Rewrites a serialized {@code WriteBatch} ({@link WriteBatchBuffer}'s format) with its records in key
 * order, for speed: RocksDB's memtable skip list remembers where its last insert went, so keys that arrive
 * in order are each found a few steps from the previous one instead of by a search from the top, which
 * on geth-shaped batches of random 32-byte hashes raises RocksDB's insert rate a lot (see
 * {@code docs/benchmarks.md}, optimisation 1).
 *
 * <p>The sort is <b>stable</b>: records with equal keys keep their queued order, so the last write to a
 * key is still the last one RocksDB applies (it numbers a batch's records in order and the highest number
 * wins). A batch is applied atomically, so nobody can observe the order of its distinct keys: the batch's
 * effect is exactly that of the queued order. Stateless and thread-safe.
 *
 * <p>The sort is a most-significant-byte-first radix sort on each key's first eight bytes, which splits a
 * batch of random hashes into small buckets in one counting pass; buckets of up to
 * {@value #SMALL_BUCKET} records are finished by insertion sort, and records whose first eight bytes are
 * all equal by a merge sort on whole keys. All three steps keep equal keys in queued order. On geth blocks
 * this is faster than a merge sort alone, the copying included ({@code docs/benchmarks.md}, optimisation 10).
 */
final class KeyOrder {

    private static final int HEADER = 12;
    /** Buckets this small are finished by insertion sort: fewer steps than another counting pass. */
    private static final int SMALL_BUCKET = 16;

    private KeyOrder() {}

    /**
     * The batch in {@code buffer[0, size)} (header included; its count field already written), whose
     * {@code count} records start at {@code starts[0..count)}, as a fresh array with the records stably
     * sorted by key (unsigned bytewise, RocksDB's default comparator).
     */
    static byte[] sorted(byte[] buffer, int size, int[] starts, int count) {
        int[] keyAt = new int[count];
        int[] keyLength = new int[count];
        long[] prefix = new long[count];
        boolean inOrder = true;
        for (int i = 0; i < count; i++) {
            int at = starts[i] + 1;
            int length = 0;
            int shift = 0;
            byte b;
            do {
                b = buffer[at++];
                length |= (b & 0x7F) << shift;
                shift += 7;
            } while (b < 0);
            keyAt[i] = at;
            keyLength[i] = length;
            prefix[i] = prefixOf(buffer, at, length);
            if (inOrder && i > 0 && compare(buffer, keyAt, keyLength, prefix, i - 1, i) > 0) {
                inOrder = false;
            }
        }
        byte[] out = Arrays.copyOf(buffer, size);
        if (inOrder) {
            return out;
        }
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        new Sorter(buffer, keyAt, keyLength, prefix, count).sort(order, 0, count, 56);
        int to = HEADER;
        for (int i = 0; i < count; i++) {
            int op = order[i];
            int from = starts[op];
            int end = op + 1 < count ? starts[op + 1] : size;
            System.arraycopy(buffer, from, out, to, end - from);
            to += end - from;
        }
        return out;
    }

    /** The first eight key bytes as an unsigned-comparable long (zero-padded); equal prefixes need a full compare. */
    private static long prefixOf(byte[] buffer, int at, int length) {
        long p = 0;
        for (int i = 0; i < 8; i++) {
            p = (p << 8) | (i < length ? buffer[at + i] & 0xFF : 0);
        }
        return p;
    }

    private static int compare(byte[] buffer, int[] keyAt, int[] keyLength, long[] prefix, int a, int b) {
        int c = Long.compareUnsigned(prefix[a], prefix[b]);
        if (c != 0) {
            return c;
        }
        return Arrays.compareUnsigned(buffer, keyAt[a], keyAt[a] + keyLength[a], buffer, keyAt[b], keyAt[b] + keyLength[b]);
    }

    /** Sorts record numbers by key, with the parsed keys of one batch; one instance per {@link #sorted} call. */
    private static final class Sorter {

        private final byte[] buffer;
        private final int[] keyAt;
        private final int[] keyLength;
        private final long[] prefix;
        private final int[] scratch;
        /** Bucket bounds of each radix pass, one row per byte of the prefix (a pass recurses one byte deeper). */
        private final int[][] bounds = new int[8][];

        Sorter(byte[] buffer, int[] keyAt, int[] keyLength, long[] prefix, int count) {
            this.buffer = buffer;
            this.keyAt = keyAt;
            this.keyLength = keyLength;
            this.prefix = prefix;
            this.scratch = new int[count];
        }

        /**
         * Stably sorts {@code order[from, to)}, whose keys share their prefix bytes above bit {@code shift + 8}:
         * counts the records per value of the prefix byte at {@code shift}, moves them into their buckets in
         * queued order, then sorts each bucket on the next byte.
         */
        void sort(int[] order, int from, int to, int shift) {
            if (to - from <= SMALL_BUCKET) {
                insertionSort(order, from, to);
                return;
            }
            if (shift < 0) {
                // The first eight bytes are equal: only whole-key compares can order these.
                mergeSort(order, from, to);
                return;
            }
            int depth = (56 - shift) >> 3;
            int[] bucketStart = bounds[depth];
            if (bucketStart == null) {
                bucketStart = bounds[depth] = new int[257];
            } else {
                Arrays.fill(bucketStart, 0);
            }
            for (int i = from; i < to; i++) {
                bucketStart[digit(order[i], shift) + 1]++;
            }
            for (int b = 0; b < 256; b++) {
                if (bucketStart[b + 1] == to - from) {
                    sort(order, from, to, shift - 8); // one bucket holds them all: nothing to move
                    return;
                }
                bucketStart[b + 1] += bucketStart[b];
            }
            int[] next = scratch;
            int[] fill = Arrays.copyOf(bucketStart, 256);
            for (int i = from; i < to; i++) {
                int op = order[i];
                next[from + fill[digit(op, shift)]++] = op;
            }
            System.arraycopy(next, from, order, from, to - from);
            for (int b = 0; b < 256; b++) {
                int start = from + bucketStart[b];
                int end = from + bucketStart[b + 1];
                if (end - start > 1) {
                    sort(order, start, end, shift - 8);
                }
            }
        }

        /** The prefix byte of record {@code op} at bit {@code shift}, unsigned. */
        private int digit(int op, int shift) {
            return (int) ((prefix[op] >>> shift) & 0xFF);
        }

        private void insertionSort(int[] order, int from, int to) {
            for (int i = from + 1; i < to; i++) {
                int op = order[i];
                int j = i - 1;
                while (j >= from && compare(buffer, keyAt, keyLength, prefix, order[j], op) > 0) {
                    order[j + 1] = order[j];
                    j--;
                }
                order[j + 1] = op;
            }
        }

        /** Sorts {@code order[from, to)} by whole key; stable, because a tie takes the left (earlier) record first. */
        private void mergeSort(int[] order, int from, int to) {
            if (to - from <= SMALL_BUCKET) {
                insertionSort(order, from, to);
                return;
            }
            int middle = (from + to) >>> 1;
            mergeSort(order, from, middle);
            mergeSort(order, middle, to);
            if (compare(buffer, keyAt, keyLength, prefix, order[middle - 1], order[middle]) <= 0) {
                return;
            }
            System.arraycopy(order, from, scratch, from, to - from);
            int left = from;
            int right = middle;
            for (int i = from; i < to; i++) {
                if (right >= to || (left < middle
                        && compare(buffer, keyAt, keyLength, prefix, scratch[left], scratch[right]) <= 0)) {
                    order[i] = scratch[left++];
                } else {
                    order[i] = scratch[right++];
                }
            }
        }
    }
}
