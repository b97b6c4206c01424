package org.ethercattle.log.file;

import java.util.Arrays;

/**
 * A sparse in-memory map from entry index to byte offset within one segment: one point per
 * {@link #INTERVAL_BYTES} of frames walked, so that a seek walks at most that many bytes of frame
 * headers after the first time a reader has passed through that part of the segment. Points are only
 * ever added in increasing order. Not thread-safe.
 */
final class SparseIndex {

    static final long INTERVAL_BYTES = 256 << 10;

    private long[] indexes = new long[16];
    private long[] offsets = new long[16];
    private int count;

    SparseIndex(long baseIndex) {
        indexes[0] = baseIndex;
        offsets[0] = 0;
        count = 1;
    }

    /** Records that the frame of entry {@code index} starts at {@code offset}, if it is far enough past the last point. */
    void note(long index, long offset) {
        if (offset < offsets[count - 1] + INTERVAL_BYTES || index <= indexes[count - 1]) {
            return;
        }
        if (count == indexes.length) {
            indexes = Arrays.copyOf(indexes, count * 2);
            offsets = Arrays.copyOf(offsets, count * 2);
        }
        indexes[count] = index;
        offsets[count] = offset;
        count++;
    }

    /** The slot of the last point whose index is at most {@code index} (slot 0 is the segment start). */
    int floor(long index) {
        int slot = Arrays.binarySearch(indexes, 0, count, index);
        return slot >= 0 ? slot : Math.max(0, -slot - 2);
    }

    long indexAt(int slot) {
        return indexes[slot];
    }

    long offsetAt(int slot) {
        return offsets[slot];
    }
}
