package org.ethercattle.ethereum.rawdb;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * A bounded least-recently-used map from a 32-byte hash to what was derived from the bytes it names: a decoded
 * header or body, a recovered sender. Everything geth addresses by hash is immutable (a block hash commits to
 * its header, the header to its body; a transaction hash to its signature), so an entry never goes stale and
 * the cache needs no invalidation, only a bound; geth keeps the same caches in its {@code BlockChain} for the
 * same reason. Bounded in entries and in weight (for example encoded bytes), whichever is reached first.
 * Thread-safe: one lock around a linked map, held only to look up or insert, never while a value is computed.
 *
 * @param <V> the cached value
 */
public final class HashCache<V> {

    private final int maxEntries;
    private final long maxWeight;
    private final ToLongFunction<V> weigher;
    private final LinkedHashMap<ByteBuffer, V> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long weight;

    /**
     * A cache of at most {@code maxEntries} values whose weights add up to at most {@code maxWeight}.
     *
     * @throws IllegalArgumentException if a bound is not positive
     */
    public HashCache(int maxEntries, long maxWeight, ToLongFunction<V> weigher) {
        if (maxEntries < 1 || maxWeight < 1) {
            throw new IllegalArgumentException("cache bounds must be positive, were " + maxEntries + " entries and "
                    + maxWeight + " weight");
        }
        this.maxEntries = maxEntries;
        this.maxWeight = maxWeight;
        this.weigher = weigher;
    }

    /** A cache of at most {@code maxEntries} values, each of weight 1. */
    public static <V> HashCache<V> ofEntries(int maxEntries) {
        return new HashCache<>(maxEntries, maxEntries, v -> 1);
    }

    /** The value cached for {@code hash}, or {@code null}. The caller must not modify {@code hash} afterwards. */
    public V get(byte[] hash) {
        synchronized (entries) {
            return entries.get(ByteBuffer.wrap(hash));
        }
    }

    /**
     * Caches {@code value} for {@code hash} (a value heavier than the whole bound is not kept) and returns it. Two
     * threads that derived the same value may both put it; the second replaces the first, which is harmless.
     */
    public V put(byte[] hash, V value) {
        long w = weigher.applyAsLong(value);
        if (w > maxWeight) {
            return value;
        }
        synchronized (entries) {
            V old = entries.put(ByteBuffer.wrap(hash.clone()), value);
            weight += w - (old == null ? 0 : weigher.applyAsLong(old));
            var eldest = entries.entrySet().iterator();
            while (entries.size() > maxEntries || weight > maxWeight) {
                Map.Entry<ByteBuffer, V> e = eldest.next();
                weight -= weigher.applyAsLong(e.getValue());
                eldest.remove();
            }
        }
        return value;
    }

    /** How many values are cached now. */
    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }
}
