package org.ethercattle.core.replay;

import java.util.OptionalLong;
import org.ethercattle.api.Database;
import org.ethercattle.api.KeyValueWriter;

/**
 * A checkpoint kept in another replicator's format, as a bare numeric log offset: for instance the
 * original Ether Cattle's {@code cdc-log-<topic>-offset} key. A {@link Replayer} can start from one when
 * the store holds no Cattle checkpoint ({@link Replayer.Builder#fallbackCheckpoint}), and keep one up to
 * date beside its own ({@link Replayer.Builder#mirrorCheckpoint}) so that the other replicator can take
 * over the store. Offsets are those of {@link org.ethercattle.api.log.LogConsumer#positionAt(long)}.
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
     */
    void write(KeyValueWriter batch, long offset);
}
