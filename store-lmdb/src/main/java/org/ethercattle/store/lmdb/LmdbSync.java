package org.ethercattle.store.lmdb;

import org.lmdbjava.EnvFlags;

/**
 * When an LMDB commit is flushed to disk: the spec parameter {@code sync}.
 *
 * <p>LMDB is copy-on-write: a commit writes new pages and then switches one of its two meta pages to
 * point at them, so no mode below ever lets a reader or a reopened store see part of a transaction
 * after a <em>process</em> crash (the page cache survives the process). The modes differ only for an
 * operating-system crash or power loss:
 */
public enum LmdbSync {

    /** fsync data and meta page at every commit: LMDB's default; durable and atomic, the slowest. */
    FULL,

    /**
     * {@code MDB_NOMETASYNC}: data pages are flushed at every commit, the meta page is written but its
     * flush is deferred to the next commit. LMDB documents that this keeps database integrity (ACI)
     * and an OS crash may undo only the last committed transaction. The default: replay commits large
     * batches and re-applies anything lost from the log, so losing the last commit costs nothing, while
     * corruption would cost a rebuild.
     */
    NOMETA,

    /**
     * {@code MDB_NOSYNC}: never flush at commit; the OS writes pages back when it likes (a clean
     * {@code close()} still flushes). An OS crash may lose recent transactions, and LMDB documents that
     * integrity is kept only if the file system preserves write order; otherwise the store can be
     * corrupt and must be rebuilt from a snapshot. For throwaway replicas on fast rebuilds only.
     */
    NONE;

    /** The environment flag for this mode, or {@code null} for {@link #FULL}. */
    EnvFlags flag() {
        return switch (this) {
            case FULL -> null;
            case NOMETA -> EnvFlags.MDB_NOMETASYNC;
            case NONE -> EnvFlags.MDB_NOSYNC;
        };
    }
}
