package org.ethercattle.tck;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ethercattle.api.KeyValueWriter;

/**
 * The obviously-correct store the suites compare adapters with: a {@link TreeMap} ordered by
 * {@link Arrays#compareUnsigned(byte[], byte[])}. It is deliberately not core's in-memory store, so that
 * the in-memory store's own run of the suites can fail.
 *
 * <p>Copies every array in and out. Not thread-safe.
 */
public final class ReferenceModel implements KeyValueWriter {

    private final TreeMap<byte[], byte[]> entries = new TreeMap<>(Arrays::compareUnsigned);

    @Override
    public void put(byte[] key, byte[] value) {
        entries.put(key.clone(), value.clone());
    }

    @Override
    public void delete(byte[] key) {
        entries.remove(key);
    }

    /** The value under {@code key}, a copy, or {@code null} when absent. */
    public byte[] get(byte[] key) {
        byte[] value = entries.get(key);
        return value == null ? null : value.clone();
    }

    /** Whether {@code key} is present (an empty value counts as present). */
    public boolean has(byte[] key) {
        return entries.containsKey(key);
    }

    /** The number of keys held. */
    public int size() {
        return entries.size();
    }

    /**
     * What {@code Database.cursor(prefix, start)} must yield: the keys that start with {@code prefix}
     * and are {@code >= prefix + start}, in unsigned order.
     */
    public List<KeyValue> cursor(byte[] prefix, byte[] start) {
        byte[] from = Bytes.concat(prefix, start);
        List<KeyValue> result = new ArrayList<>();
        for (Map.Entry<byte[], byte[]> e : entries.tailMap(from, true).entrySet()) {
            if (!Bytes.startsWith(e.getKey(), prefix)) {
                break;
            }
            result.add(new KeyValue(e.getKey().clone(), e.getValue().clone()));
        }
        return result;
    }

    /** Every entry in unsigned key order. */
    public List<KeyValue> all() {
        return cursor(new byte[0], new byte[0]);
    }
}
