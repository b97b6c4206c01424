package org.ethercattle.core.codec;

import java.util.UUID;
import org.ethercattle.api.log.Position;

/**
 * A chunked record whose last chunk has not arrived: the body assembled so far (allocated once, at its
 * announced size, and filled in place), and what the decoder needs to resume before it or give it up.
 */
final class PendingRecord {

    final UUID producerId;
    final long sequence;
    final long timeMillis;
    final int count;
    final byte[] body;
    /** The entry decoded just before the first chunk: where a restarted consumer must resume. */
    final Position before;
    final Position firstChunk;
    private int filled;
    private int nextIndex;
    private long lastEntryNumber;
    private long lastEntryTimeMillis;

    PendingRecord(Frame first, int count, int total, Position before, Position firstChunk) {
        this.producerId = first.producerId();
        this.sequence = first.sequence();
        this.timeMillis = first.timeMillis();
        this.count = count;
        this.body = new byte[total];
        this.before = before;
        this.firstChunk = firstChunk;
    }

    int nextIndex() {
        return nextIndex;
    }

    int filled() {
        return filled;
    }

    boolean isComplete() {
        return nextIndex == count;
    }

    /** Copies one chunk's slice in; the caller has checked that it is the next chunk and fits. */
    void append(byte[] source, int offset, int length, long entryNumber, long entryTimeMillis) {
        System.arraycopy(source, offset, body, filled, length);
        filled += length;
        nextIndex++;
        lastEntryNumber = entryNumber;
        lastEntryTimeMillis = entryTimeMillis;
    }

    long lastEntryNumber() {
        return lastEntryNumber;
    }

    /** Log time of this producer's latest chunk, or -1 when the log keeps no times. */
    long lastEntryTimeMillis() {
        return lastEntryTimeMillis;
    }

    String describe() {
        return "record " + sequence + " of producer " + producerId + " (" + nextIndex + " of " + count
                + " chunks arrived, the first at " + firstChunk + ")";
    }
}
