package org.ethercattle.api.replay;

import java.util.List;
import org.ethercattle.api.Database;

/**
 * Where a replicated data set keeps its chain-head markers, and how to tell which block one points at:
 * what a replica's status shows beside its readiness (for geth, {@code LastHeader}, {@code LastBlock} and
 * {@code LastFast}, numbered through geth's {@code 'H' + hash} keys; see {@code cattle-ethereum}).
 *
 * <p>Implementations are immutable and thread-safe: a status page reads them from any thread.
 */
public interface ChainHeads {

    /** The head-marker keys, in the order a status lists them; fresh arrays the caller owns. */
    List<byte[]> keys();

    /**
     * The number of the block {@code headValue} (the value of one of {@link #keys()}) points at in
     * {@code store}, or {@code null} when it cannot be told (absent, not written yet, or not this
     * schema's data). Thread-safe as the store is.
     */
    Long blockNumber(Database store, byte[] headValue);

    /** No head markers: a data set that is not a chain, the default of a plain replica. */
    static ChainHeads none() {
        return NoChainHeads.INSTANCE;
    }
}
