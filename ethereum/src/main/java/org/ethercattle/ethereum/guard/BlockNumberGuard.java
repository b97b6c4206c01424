package org.ethercattle.ethereum.guard;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.ethercattle.api.Database;
import org.ethercattle.api.KeyValueWriter;
import org.ethercattle.api.record.Op;
import org.ethercattle.api.replay.HeadGuard;

/**
 * The geth-aware head policy: a put to a head key is dropped when it would point the head at a block with
 * a lower number than the block it points at now. A block's number is what geth's header-number key
 * {@code 'H' + hash} holds (8 bytes, big-endian), looked up first among the {@code 'H'} puts this guard
 * has recently admitted (they may still sit in the uncommitted replay batch) and then in the store.
 *
 * <p>This catches what a seen-value guard cannot: a lagging master's head that this replica has
 * never seen (its memory was forgotten, the replica started from a snapshot, or the leading master skipped
 * that head) but that is older than the current one. Equal numbers are admitted (a reorg to a sibling,
 * or the same head again). A head whose number cannot be found (no {@code 'H'} key for it: the stream is not
 * geth data) is admitted, and the head counts as unknown until a put with a known number.
 *
 * <p>Memory: the guard keeps nothing of its own in the store; the current heads and the {@code 'H'} keys
 * are the replica's data, committed atomically with the checkpoint, so {@link #restore} reads them back.
 * Not thread-safe; one replayer uses it at a time.
 */
public final class BlockNumberGuard implements HeadGuard {

    /** geth's header-number table prefix: {@code 'H' + hash -> number}. */
    public static final byte HEADER_NUMBER_PREFIX = 'H';

    /** Length of geth's block hashes. */
    private static final int HASH_LENGTH = 32;
    /** Recent {@code 'H'} puts remembered; far more blocks than one replay batch holds. */
    private static final int RECENT_NUMBERS = 8192;

    private final byte[][] headKeys;
    /** Per head key, the number of the block it points at now, or -1 when unknown. */
    private final long[] current;
    private final Map<Hash, Long> recent = new LinkedHashMap<>(RECENT_NUMBERS * 4 / 3 + 1, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Hash, Long> eldest) {
            return size() > RECENT_NUMBERS;
        }
    };
    private Database store;

    /** A guard for {@code headKeys} (e.g. {@link GethHeadKeys#DEFAULT}); the keys are copied. */
    public BlockNumberGuard(Collection<byte[]> headKeys) {
        List<byte[]> distinct = new ArrayList<>();
        for (byte[] key : headKeys) {
            Objects.requireNonNull(key, "head key");
            if (distinct.stream().noneMatch(k -> Arrays.equals(k, key))) {
                distinct.add(key.clone());
            }
        }
        if (distinct.isEmpty()) {
            throw new IllegalArgumentException("a block-number head guard needs at least one head key;"
                    + " use HeadGuard.none() to guard nothing");
        }
        this.headKeys = distinct.toArray(byte[][]::new);
        this.current = new long[this.headKeys.length];
        Arrays.fill(current, -1);
    }

    /**
     * The number geth records for the block {@code hash} in {@code store} ({@code 'H' + hash}), or
     * {@code null} when the key is absent or its value is not 8 bytes. Thread-safe as the store is.
     */
    public static Long numberOf(Database store, byte[] hash) {
        if (hash == null) {
            return null;
        }
        return decodeNumber(store.get(headerNumberKey(hash)));
    }

    @Override
    public void restore(Database store, String streamId) {
        this.store = Objects.requireNonNull(store, "store");
        recent.clear();
        for (int i = 0; i < headKeys.length; i++) {
            Long number = numberOf(store, store.get(headKeys[i]));
            current[i] = number == null ? -1 : number;
        }
    }

    @Override
    public boolean admit(Op op, KeyValueWriter bookkeeping) {
        byte[] key = op.key();
        if (key.length == 1 + HASH_LENGTH && key[0] == HEADER_NUMBER_PREFIX) {
            Hash hash = new Hash(Arrays.copyOfRange(key, 1, key.length));
            Long number = op.type() == Op.Type.PUT ? decodeNumber(op.value()) : null;
            if (number == null) {
                recent.remove(hash);
            } else {
                recent.put(hash, number);
            }
            return true;
        }
        int head = indexOf(key);
        if (head < 0) {
            return true;
        }
        if (op.type() != Op.Type.PUT) {
            current[head] = -1;
            return true;
        }
        if (store == null) {
            throw new IllegalStateException("restore(store, streamId) must be called before admit");
        }
        Long number = recent.get(new Hash(op.value()));
        if (number == null) {
            number = numberOf(store, op.value());
        }
        if (number == null) {
            current[head] = -1;
            return true;
        }
        if (number < current[head]) {
            return false;
        }
        current[head] = number;
        return true;
    }

    private int indexOf(byte[] key) {
        for (int i = 0; i < headKeys.length; i++) {
            if (Arrays.equals(headKeys[i], key)) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] headerNumberKey(byte[] hash) {
        byte[] key = new byte[1 + hash.length];
        key[0] = HEADER_NUMBER_PREFIX;
        System.arraycopy(hash, 0, key, 1, hash.length);
        return key;
    }

    private static Long decodeNumber(byte[] value) {
        if (value == null || value.length != 8) {
            return null;
        }
        long n = 0;
        for (byte b : value) {
            n = (n << 8) | (b & 0xFF);
        }
        return n;
    }

    @Override
    public String toString() {
        StringBuilder names = new StringBuilder();
        for (byte[] k : headKeys) {
            names.append(names.length() == 0 ? "" : ", ").append(new String(k, StandardCharsets.ISO_8859_1));
        }
        return "BlockNumberGuard([" + names + "], geth 'H'+hash numbers)";
    }

    /** A block hash compared by content; the array is never changed. */
    private record Hash(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Hash other && Arrays.equals(bytes, other.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }
}
