package org.ethercattle.ethereum.guard;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.ethercattle.api.Database;
import org.ethercattle.api.replay.ChainHeads;

/**
 * geth's chain-head markers as a replica's status shows them: each head key's value is a block hash, whose
 * number is what geth's header-number key {@code 'H' + hash} holds. Immutable and thread-safe.
 */
public final class GethChainHeads implements ChainHeads {

    /** {@code LastHeader}, {@code LastBlock} and {@code LastFast} ({@link GethHeadKeys#DEFAULT}). */
    public static final GethChainHeads DEFAULT = new GethChainHeads(GethHeadKeys.DEFAULT);

    private final List<byte[]> keys;

    /** The heads under {@code keys}, in that order; the keys are copied. */
    public GethChainHeads(Collection<byte[]> keys) {
        List<byte[]> copies = new ArrayList<>(keys.size());
        for (byte[] key : keys) {
            copies.add(Objects.requireNonNull(key, "head key").clone());
        }
        this.keys = List.copyOf(copies);
    }

    @Override
    public List<byte[]> keys() {
        return keys.stream().map(byte[]::clone).toList();
    }

    /** {@inheritDoc} geth: the 8-byte big-endian number under {@code 'H' + headValue}. */
    @Override
    public Long blockNumber(Database store, byte[] headValue) {
        return BlockNumberGuard.numberOf(store, headValue);
    }

    @Override
    public String toString() {
        return "geth chain heads (" + keys.size() + " keys, numbered by 'H'+hash)";
    }
}
