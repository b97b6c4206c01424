package org.ethercattle.core.replay;

import java.time.Duration;
import org.ethercattle.api.Database;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.record.Codec;
import org.ethercattle.api.replay.HeadGuard;
import org.ethercattle.api.replay.OffsetCheckpoint;

/**
 * What a {@link Replayer.Builder} was told, checked there; each component is described on the builder's
 * method of the same name.
 *
 * @param store                 the store replayed into; not owned
 * @param log                   the consumer replayed from; not owned
 * @param codec                 the stream's wire format
 * @param maxBatchBytes         key and value bytes a group-commit batch collects before it is written
 * @param maxPendingBytes       cap on bytes the decoder holds for incomplete records
 * @param headGuard             the head-marker policy
 * @param pollTimeout           how long one poll waits
 * @param readAheadBytes        bytes read ahead on a thread of its own; {@code 0}: none
 * @param catchUpReadAheadBytes bytes read ahead while a catch-up runs in bulk-load mode; {@code 0}: none
 * @param bulkLoadAfterBytes    bytes a catch-up applies before it asks for bulk-load mode; {@code -1}: never
 * @param fallback              where to start without a Cattle checkpoint, or {@code null}
 * @param mirror                the offset checkpoint written beside Cattle's, or {@code null}
 * @param seededAt              the offset the store already holds, or {@code -1} for none
 */
record ReplaySettings(
        Database store,
        LogConsumer log,
        Codec codec,
        long maxBatchBytes,
        long maxPendingBytes,
        HeadGuard headGuard,
        Duration pollTimeout,
        long readAheadBytes,
        long catchUpReadAheadBytes,
        long bulkLoadAfterBytes,
        OffsetCheckpoint fallback,
        OffsetCheckpoint mirror,
        long seededAt) {}
