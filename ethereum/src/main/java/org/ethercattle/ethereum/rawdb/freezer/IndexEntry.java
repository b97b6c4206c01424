package org.ethercattle.ethereum.rawdb.freezer;

import java.nio.ByteBuffer;

/**
 * One 6-byte entry of a geth freezer index file ({@code <table>.cidx} / {@code .ridx}): a data file number (u16)
 * and an offset in it (u32), big-endian, as {@code indexEntry} in geth's {@code core/rawdb/freezer_table.go}.
 *
 * <p>Entry {@code k >= 1} is where item {@code deleted + k - 1} ends. Entry 0 is the tail marker: the first data
 * file still on disk and, as its offset, the number of items deleted from the front.
 *
 * @param fileNumber the data file, {@code <table>.<NNNN>.cdat} / {@code .rdat}
 * @param offset the end offset of an item in that file, or the deleted-item count in entry 0
 */
record IndexEntry(int fileNumber, long offset) {

    /** The size of one encoded entry. */
    static final int SIZE = 6;

    /** Decodes the entry at the buffer's position and advances it. */
    static IndexEntry read(ByteBuffer buffer) {
        int file = Short.toUnsignedInt(buffer.getShort());
        long offset = Integer.toUnsignedLong(buffer.getInt());
        return new IndexEntry(file, offset);
    }

    /** The entry's 6-byte encoding. */
    byte[] encode() {
        return ByteBuffer.allocate(SIZE).putShort((short) fileNumber).putInt((int) offset).array();
    }
}
