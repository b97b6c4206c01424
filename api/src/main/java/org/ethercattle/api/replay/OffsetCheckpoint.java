package org.ethercattle.api.replay;

import java.util.OptionalLong;
import org.ethercattle.api.Database;
import org.ethercattle.api.KeyValueWriter;

/**
 * A checkpoint kept in another replicator's format, as a bare numeric log offset: for instance the
 * original Ether Cattle's {@code cdc-log-<topic>-offset} key (in {@code cattle-ethereum}). Cattle's
 * replayer can resume after one when the store holds no Cattle checkpoint of its own (its builder's
 * {@code fallbackCheckpoint}), and keep one up to date beside its own ({@code mirrorCheckpoint}) so that
 * the other replicator can take over the store. A Cattle checkpoint, when present, always wins: it is
 * written atomically with the data it covers. Offsets are those of
 * {@link org.ethercattle.api.log.LogConsumer#positionAt(long)}.
 *
 * <p>Implementations are immutable and thread-safe, or at least safe for the one replay thread that uses
 * them.
 */
public interface OffsetCheckpoint {

    /**
     * The offset of the newest entry whose effects are all in {@code store} (replay resumes with the entry
     * after it), or empty when the store holds no such checkpoint.
     *
     * @throws org.ethercattle.api.StoreException if the checkpoint is present but unreadable
     */
    OptionalLong lastApplied(Database store);

    /**
     * Queues into {@code batch} (the replayer's batch, written atomically with the data and Cattle's own
     * checkpoint) the record that every entry up to and including {@code offset} is applied.
     *
     * @throws UnsupportedOperationException if this checkpoint can only be read (a fixed start offset)
     */
    void write(KeyValueWriter batch, long offset);
}
