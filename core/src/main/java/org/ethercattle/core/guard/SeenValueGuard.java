package org.ethercattle.core.guard;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.ethercattle.api.Cursor;
import org.ethercattle.api.Database;
import org.ethercattle.api.KeyValueWriter;
import org.ethercattle.api.ReservedKeys;
import org.ethercattle.api.StoreException;
import org.ethercattle.api.record.Op;
import org.ethercattle.api.replay.HeadGuard;

/**
 * The Ether Cattle head rule, for any head keys: a put to one of the configured head keys whose exact value
 * was already seen for that key is dropped; every other op is admitted. It knows no schema: which keys are
 * heads is configuration (geth's are {@code GethHeadKeys} in {@code cattle-ethereum}).
 *
 * <p>Memory: per head key, the values in the order they were first seen, at most
 * {@code valuesPerKey}; the oldest is forgotten first. Each remembered value is one reserved key
 * {@code PREFIX "guard/" streamId 0x00 | u16 head-key length | head key | u64 ordinal} (big-endian)
 * whose value is the seen value; it is put in the batch that first sees the value and deleted in the
 * batch that forgets it. Ordinals grow by one per remembered value, so a store's key order is the
 * order values were seen in, which is what {@link #restore} relies on.
 */
public final class SeenValueGuard implements HeadGuard {

    /** Values remembered per head key unless told otherwise. */
    public static final int DEFAULT_VALUES_PER_KEY = 4096;

    private final HeadKey[] headKeys;
    /** headKeyLengths[n]: whether some head key is n bytes long; a cheap first filter for every op. */
    private final boolean[] headKeyLengths;
    private final int valuesPerKey;
    private byte[] storePrefix;
    private long nextOrdinal;
    /** Keys left by a larger earlier configuration, deleted with the next bookkeeping batch. */
    private final List<byte[]> staleKeys = new ArrayList<>();

    /**
     * A guard of {@code keys} remembering the {@value #DEFAULT_VALUES_PER_KEY} most recently first-seen
     * values per key. The keys are copied.
     *
     * @throws IllegalArgumentException if {@code keys} is empty (use {@link HeadGuard#none()})
     */
    public SeenValueGuard(Collection<byte[]> keys) {
        this(keys, DEFAULT_VALUES_PER_KEY);
    }

    /**
     * Like {@link #SeenValueGuard(Collection)}, remembering at most {@code valuesPerKey} values per key.
     *
     * @throws IllegalArgumentException if {@code keys} is empty, a key is longer than 65535 bytes, or
     *                                  {@code valuesPerKey} is below 1
     */
    public SeenValueGuard(Collection<byte[]> keys, int valuesPerKey) {
        if (valuesPerKey < 1) {
            throw new IllegalArgumentException("valuesPerKey must be at least 1, was " + valuesPerKey);
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a seen-value head guard needs at least one head key;"
                    + " use HeadGuard.none() to guard nothing");
        }
        this.valuesPerKey = valuesPerKey;
        List<HeadKey> distinct = new ArrayList<>();
        int maxLength = 0;
        for (byte[] key : keys) {
            Objects.requireNonNull(key, "head key");
            if (key.length > 0xFFFF) {
                throw new IllegalArgumentException("head key of " + key.length + " bytes is longer than 65535");
            }
            if (distinct.stream().noneMatch(k -> Arrays.equals(k.key, key))) {
                distinct.add(new HeadKey(key.clone()));
                maxLength = Math.max(maxLength, key.length);
            }
        }
        this.headKeys = distinct.toArray(HeadKey[]::new);
        this.headKeyLengths = new boolean[maxLength + 1];
        for (HeadKey k : headKeys) {
            headKeyLengths[k.key.length] = true;
        }
    }

    @Override
    public void restore(Database store, String streamId) {
        storePrefix = ReservedKeys.key("guard/" + streamId + "\0");
        nextOrdinal = 0;
        staleKeys.clear();
        for (HeadKey k : headKeys) {
            k.seen.clear();
        }
        try (Cursor cursor = store.cursor(storePrefix, new byte[0])) {
            while (cursor.next()) {
                byte[] key = cursor.key();
                ByteBuffer suffix = ByteBuffer.wrap(key, storePrefix.length, key.length - storePrefix.length);
                int headLength = suffix.remaining() >= 2 ? suffix.getShort() & 0xFFFF : -1;
                if (headLength < 0 || suffix.remaining() != headLength + 8) {
                    throw new StoreException("head-guard memory of stream " + streamId + " holds a malformed key"
                            + " (" + key.length + " bytes under its prefix); restore the replica from a snapshot");
                }
                HeadKey head = find(key, storePrefix.length + 2, headLength);
                suffix.position(suffix.position() + headLength);
                long ordinal = suffix.getLong();
                nextOrdinal = Math.max(nextOrdinal, ordinal + 1);
                if (head == null) {
                    continue; // a head key no longer configured: its memory is kept but unused
                }
                head.seen.put(new Value(cursor.value()), ordinal);
                if (head.seen.size() > valuesPerKey) {
                    forgetEldest(head, staleKeys::add);
                }
            }
        }
    }

    @Override
    public boolean admit(Op op, KeyValueWriter bookkeeping) {
        byte[] key = op.key();
        if (op.type() != Op.Type.PUT || key.length >= headKeyLengths.length || !headKeyLengths[key.length]) {
            return true;
        }
        HeadKey head = find(key, 0, key.length);
        if (head == null) {
            return true;
        }
        if (storePrefix == null) {
            throw new IllegalStateException("restore(store, streamId) must be called before admit");
        }
        Value value = new Value(op.value());
        if (head.seen.containsKey(value)) {
            return false;
        }
        for (byte[] stale : staleKeys) {
            bookkeeping.delete(stale);
        }
        staleKeys.clear();
        long ordinal = nextOrdinal++;
        head.seen.put(value, ordinal);
        bookkeeping.put(storeKey(head, ordinal), op.value());
        if (head.seen.size() > valuesPerKey) {
            forgetEldest(head, bookkeeping::delete);
        }
        return true;
    }

    private void forgetEldest(HeadKey head, Consumer<byte[]> deleteKey) {
        Iterator<Map.Entry<Value, Long>> eldest = head.seen.entrySet().iterator();
        long ordinal = eldest.next().getValue();
        eldest.remove();
        deleteKey.accept(storeKey(head, ordinal));
    }

    private HeadKey find(byte[] bytes, int offset, int length) {
        for (HeadKey k : headKeys) {
            if (Arrays.equals(k.key, 0, k.key.length, bytes, offset, offset + length)) {
                return k;
            }
        }
        return null;
    }

    private byte[] storeKey(HeadKey head, long ordinal) {
        return ByteBuffer.allocate(storePrefix.length + 2 + head.key.length + 8)
                .put(storePrefix)
                .putShort((short) head.key.length)
                .put(head.key)
                .putLong(ordinal)
                .array();
    }

    @Override
    public String toString() {
        StringBuilder names = new StringBuilder();
        for (HeadKey k : headKeys) {
            names.append(names.length() == 0 ? "" : ", ").append(new String(k.key, StandardCharsets.ISO_8859_1));
        }
        return "SeenValueGuard([" + names + "], " + valuesPerKey + " values per key)";
    }

    /** One guarded key and the values seen for it, eldest first. */
    private static final class HeadKey {
        final byte[] key;
        final LinkedHashMap<Value, Long> seen = new LinkedHashMap<>();

        HeadKey(byte[] key) {
            this.key = key;
        }
    }

    /** A value compared by content; the array is owned by the op it came from and never changed. */
    private static final class Value {
        final byte[] bytes;
        final int hash;

        Value(byte[] bytes) {
            this.bytes = bytes;
            this.hash = Arrays.hashCode(bytes);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Value other && hash == other.hash && Arrays.equals(bytes, other.bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
