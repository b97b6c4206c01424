package org.ethercattle.ethereum.ethercattle;

import java.util.Objects;
import java.util.Optional;
import org.ethercattle.api.Database;
import org.ethercattle.api.StoreException;
import org.ethercattle.ethereum.rawdb.Ancients;

/**
 * Reads back, by block number, the ancient (freezer) data a replica received from an original Ether
 * Cattle master; the key layout is {@link AncientKeys}. Only blocks below the stored count exist: a
 * truncation lowers the count and the blobs above it are invisible from then on. Holds no state of its
 * own and is as thread-safe as the store; it does not own the store ({@link #close()} does nothing).
 *
 * <p>It is the {@link Ancients} of such a replica: the RPC endpoint reads frozen blocks through it.
 */
public final class AncientStore implements Ancients {

    private final Database store;

    /** The ancient data held in {@code store}. */
    public AncientStore(Database store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** The number of ancient blocks (blocks 0 .. count-1 are readable); 0 when none was ever appended. */
    @Override
    public long count() {
        byte[] value = store.get(AncientKeys.countKey());
        if (value == null) {
            return 0;
        }
        if (value.length != Long.BYTES) {
            throw new StoreException("the ancient block count under " + new String(AncientKeys.countKey(),
                    java.nio.charset.StandardCharsets.ISO_8859_1).replace('\0', '.') + " is " + value.length
                    + " bytes instead of 8; the store was written by something else, rebuild it from the log");
        }
        return AncientKeys.u64(value);
    }

    /**
     * One blob of block {@code number}: {@code kind} is one of {@link AncientKeys#KINDS}. Empty when the
     * block is not (or no longer) in the ancient data.
     */
    @Override
    public Optional<byte[]> get(String kind, long number) {
        if (!AncientKeys.KINDS.contains(kind)) {
            throw new IllegalArgumentException("unknown ancient kind '" + kind + "'; use one of " + AncientKeys.KINDS);
        }
        if (Long.compareUnsigned(number, count()) >= 0) {
            return Optional.empty();
        }
        return Optional.ofNullable(store.get(AncientKeys.key(kind, number)));
    }

    /** The whole block {@code number}, or empty when it is not in the ancient data. */
    public Optional<AncientBlock> block(long number) {
        if (Long.compareUnsigned(number, count()) >= 0) {
            return Optional.empty();
        }
        byte[][] blobs = new byte[AncientKeys.KINDS.size()][];
        for (int i = 0; i < blobs.length; i++) {
            blobs[i] = store.get(AncientKeys.key(AncientKeys.KINDS.get(i), number));
            if (blobs[i] == null) {
                return Optional.empty();
            }
        }
        return Optional.of(new AncientBlock(number, blobs[0], blobs[1], blobs[2], blobs[3], blobs[4]));
    }

    /** Does nothing: the store belongs to the caller. */
    @Override
    public void close() {}
}
