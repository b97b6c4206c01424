package org.ethercattle.store.rocksdb;

import java.util.Arrays;
import org.ethercattle.api.KeyValueWriter;
import org.ethercattle.api.StoreException;

/**
 * Queued puts and deletes kept on the Java heap in RocksDB's serialized {@code WriteBatch} format, so
 * a batch costs one JNI crossing when written instead of one per operation, and holds no native memory
 * that a concurrent close could free under it.
 *
 * <p>The format (RocksDB's {@code write_batch.cc}, stable since LevelDB): a 12-byte header of
 * sequence (fixed64, little-endian, left 0: the database assigns it) and count (fixed32), then one
 * record per operation: tag {@code 0x01} + key + value for a put, tag {@code 0x00} + key for a delete,
 * each byte string prefixed by its length as a varint32. A test checks these bytes against a native
 * {@code WriteBatch}, so a format change in a RocksDB upgrade cannot go unnoticed.
 *
 * <p>Not thread-safe.
 */
final class WriteBatchBuffer {

    static final byte TAG_DELETE = 0x00;
    static final byte TAG_PUT = 0x01;

    private static final int HEADER = 12;
    private static final int INITIAL_CAPACITY = 4096;
    /** A buffer grown beyond this by one huge batch is given back on reset rather than kept forever. */
    private static final int KEEP_CAPACITY = 64 << 20;
    private static final int MAX_CAPACITY = Integer.MAX_VALUE - 16;

    /** Batches with fewer records are written as queued: sorting them would cost more than it saves. */
    private static final int SORT_FROM = 16;

    private byte[] buffer = new byte[INITIAL_CAPACITY];
    /** Where each queued record starts in {@code buffer}, for {@link #serializedInKeyOrder()}. */
    private int[] starts = new int[64];
    private int size = HEADER;
    private int count;
    private long valueSize;
    private int readAt;

    void put(byte[] key, byte[] value) {
        ensureRoom(1L + 5 + key.length + 5 + value.length);
        markStart();
        buffer[size++] = TAG_PUT;
        appendBytes(key);
        appendBytes(value);
        count++;
        valueSize += key.length + value.length;
    }

    void delete(byte[] key) {
        ensureRoom(1L + 5 + key.length);
        markStart();
        buffer[size++] = TAG_DELETE;
        appendBytes(key);
        count++;
        valueSize += key.length;
    }

    int count() {
        return count;
    }

    long valueSize() {
        return valueSize;
    }

    void reset() {
        if (buffer.length > KEEP_CAPACITY) {
            buffer = new byte[INITIAL_CAPACITY];
            starts = new int[64];
        }
        size = HEADER;
        count = 0;
        valueSize = 0;
    }

    /** The serialized batch, ready for {@code new org.rocksdb.WriteBatch(byte[])}: a fresh array. */
    byte[] serialized() {
        writeFixed32(buffer, 8, count);
        return Arrays.copyOf(buffer, size);
    }

    /**
     * The same batch with its records stably sorted by key (see {@link KeyOrder}): what RocksDB applies
     * fastest, with exactly the effect of {@link #serialized()}. A fresh array.
     */
    byte[] serializedInKeyOrder() {
        if (count < SORT_FROM) {
            return serialized();
        }
        writeFixed32(buffer, 8, count);
        return KeyOrder.sorted(buffer, size, starts, count);
    }

    /** Hands every queued operation, in order, to {@code writer}, as fresh arrays. */
    void replay(KeyValueWriter writer) {
        // Bounds read up front: a writer that is this very batch must not make the loop chase its tail.
        int end = size;
        readAt = HEADER;
        while (readAt < end) {
            byte tag = buffer[readAt++];
            byte[] key = readBytes();
            if (tag == TAG_PUT) {
                writer.put(key, readBytes());
            } else {
                writer.delete(key);
            }
        }
    }

    private void markStart() {
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, Math.max(64, count * 2));
        }
        starts[count] = size;
    }

    private byte[] readBytes() {
        int length = 0;
        int shift = 0;
        byte b;
        do {
            b = buffer[readAt++];
            length |= (b & 0x7F) << shift;
            shift += 7;
        } while (b < 0);
        byte[] out = Arrays.copyOfRange(buffer, readAt, readAt + length);
        readAt += length;
        return out;
    }

    private void appendBytes(byte[] bytes) {
        int length = bytes.length;
        while ((length & ~0x7F) != 0) {
            buffer[size++] = (byte) ((length & 0x7F) | 0x80);
            length >>>= 7;
        }
        buffer[size++] = (byte) length;
        System.arraycopy(bytes, 0, buffer, size, bytes.length);
        size += bytes.length;
    }

    private void ensureRoom(long needed) {
        long required = size + needed;
        if (required <= buffer.length) {
            return;
        }
        if (required > MAX_CAPACITY) {
            throw new StoreException("a rocksdb batch cannot exceed 2 GiB (this one would hold " + required
                    + " bytes); write it in several smaller batches");
        }
        long grown = Math.max(required, Math.min((long) buffer.length * 2, MAX_CAPACITY));
        buffer = Arrays.copyOf(buffer, (int) grown);
    }

    private static void writeFixed32(byte[] out, int offset, int value) {
        out[offset] = (byte) value;
        out[offset + 1] = (byte) (value >>> 8);
        out[offset + 2] = (byte) (value >>> 16);
        out[offset + 3] = (byte) (value >>> 24);
    }
}
