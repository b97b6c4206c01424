package org.ethercattle.core.memory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The data behind one named in-memory store, shared by every {@link MemoryDatabase} handle opened on that
 * name. Keys sort by unsigned lexicographic order. Stored arrays are never changed in place, so a snapshot
 * can hold references to them.
 *
 * <p>Writes (single ops and batches) take the write lock, so each is whole before any cursor snapshot;
 * snapshots take the read lock; gets take no lock and see every completed write.
 */
final class MemoryStore {

    private final String name;
    private final ConcurrentSkipListMap<byte[], byte[]> data = new ConcurrentSkipListMap<>(Arrays::compareUnsigned);
    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    MemoryStore(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    byte[] get(byte[] key) {
        return data.get(key);
    }

    /** Stores {@code key -> value}; both arrays become the store's. */
    void put(byte[] key, byte[] value) {
        lock.writeLock().lock();
        try {
            data.put(key, value);
        } finally {
            lock.writeLock().unlock();
        }
    }

    void delete(byte[] key) {
        lock.writeLock().lock();
        try {
            data.remove(key);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Applies {@code ops} in order, atomically with respect to snapshots; the arrays become the store's. */
    void apply(List<MemoryBatch.QueuedOp> ops) {
        lock.writeLock().lock();
        try {
            for (MemoryBatch.QueuedOp op : ops) {
                if (op.value() == null) {
                    data.remove(op.key());
                } else {
                    data.put(op.key(), op.value());
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * The entries whose key starts with {@code prefix} and is {@code >= prefix + start}, in key order, as
     * they are at one instant between writes. Holds references to the stored arrays, which never change.
     */
    List<Map.Entry<byte[], byte[]>> snapshot(byte[] prefix, byte[] start) {
        byte[] from = Arrays.copyOf(prefix, prefix.length + start.length);
        System.arraycopy(start, 0, from, prefix.length, start.length);
        byte[] upTo = successor(prefix);
        lock.readLock().lock();
        try {
            NavigableMap<byte[], byte[]> range = upTo == null
                    ? data.tailMap(from, true)
                    : data.subMap(from, true, upTo, false);
            return new ArrayList<>(range.entrySet());
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The smallest key greater than every key starting with {@code prefix}, or null when there is none. */
    private static byte[] successor(byte[] prefix) {
        for (int i = prefix.length - 1; i >= 0; i--) {
            if (prefix[i] != (byte) 0xFF) {
                byte[] next = Arrays.copyOf(prefix, i + 1);
                next[i]++;
                return next;
            }
        }
        return null;
    }
}
