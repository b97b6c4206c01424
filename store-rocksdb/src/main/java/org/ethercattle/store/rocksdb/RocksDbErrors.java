package org.ethercattle.store.rocksdb;

import java.nio.file.Path;
import java.util.Locale;
import org.ethercattle.api.StoreException;
import org.rocksdb.RocksDBException;
import org.rocksdb.Status;

/**
 * Turns RocksDB's status codes into {@link StoreException}s that name the store and tell an operator
 * what to do. RocksDB never applies part of a failed write, so every message can promise that the
 * state before the failed call is intact.
 */
final class RocksDbErrors {

    private RocksDbErrors() {}

    /**
     * The exception for {@code cause}, raised while doing {@code action} (e.g. "write a batch to") on
     * the store at {@code path}.
     */
    static StoreException translate(RocksDBException cause, Path path, String action) {
        Status status = cause.getStatus();
        Status.Code code = status == null ? Status.Code.Undefined : status.getCode();
        Status.SubCode subCode = status == null ? Status.SubCode.None : status.getSubCode();
        String detail = cause.getMessage() == null ? String.valueOf(code) : cause.getMessage();
        String lower = detail.toLowerCase(Locale.ROOT);
        if (subCode == Status.SubCode.NoSpace || lower.contains("no space left")) {
            return new StoreException("disk full at " + path + " (" + detail + "): free space and restart;"
                    + " the last checkpoint is intact", cause);
        }
        if (code == Status.Code.IOError && lower.contains("lock")) {
            return new StoreException("rocksdb store at " + path + " is in use by another process (its LOCK"
                    + " file is held); stop that process or use another path", cause);
        }
        if (code == Status.Code.Corruption) {
            return new StoreException("rocksdb store at " + path + " is corrupt (" + detail + "); restore it from"
                    + " a snapshot, or replace the replica with a fresh one", cause);
        }
        if (code == Status.Code.ShutdownInProgress) {
            return new StoreException("rocksdb store at " + path + " is shutting down, so it could not " + action
                    + " it; open it again", cause);
        }
        return new StoreException("could not " + action + " the rocksdb store at " + path + " (" + detail
                + "); the state before this call is intact. Check the disk and the store's LOG file", cause);
    }
}
