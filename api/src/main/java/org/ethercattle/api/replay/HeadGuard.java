package org.ethercattle.api.replay;

import org.ethercattle.api.Database;
import org.ethercattle.api.KeyValueWriter;
import org.ethercattle.api.record.Op;

/**
 * Decides, op by op, whether a replayed write to a chain-head marker is applied. Several masters
 * writing the same chain into one log agree on data but their head markers (geth's {@code LastBlock},
 * ...) would bounce between them; a guard drops the writes that would make a head go back.
 *
 * <p>A guard keeps a memory (which values it has seen) and persists it through the bookkeeping writer
 * that {@link #admit} receives, which is the replayer's store batch: the memory therefore commits
 * atomically with the data and the checkpoint, and {@link #restore} after a restart finds exactly
 * the memory that matches the store's data.
 *
 * <p>The replayer in {@code cattle-core} takes any implementation; core's own are {@link #none()} and
 * its seen-value guard, which knows no key of its own; guards that understand a data set's schema (geth's
 * block numbers) live with that schema.
 *
 * <p>Not thread-safe: one replayer uses a guard at a time, from its replay thread.
 */
public interface HeadGuard {

    /**
     * Forgets any state held in memory and loads what earlier runs persisted in {@code store} for the
     * stream {@code streamId}. Called once when a replayer is built, before the first {@link #admit}.
     *
     * @throws org.ethercattle.api.StoreException if the persisted memory is unreadable
     */
    void restore(Database store, String streamId);

    /**
     * Whether {@code op} should be applied. The guard may remember the op (it may keep references to
     * the op's arrays, which the op owns) and queue writes of its memory into {@code bookkeeping},
     * only under keys in {@link org.ethercattle.api.ReservedKeys}. Ops it rejects are dropped; the
     * rest of their record still applies.
     *
     * @throws IllegalStateException if {@link #restore} has not been called
     */
    boolean admit(Op op, KeyValueWriter bookkeeping);

    /** A guard that admits every op and remembers nothing: for single-master streams, and the default. */
    static HeadGuard none() {
        return NoHeadGuard.INSTANCE;
    }
}
