package org.ethercattle.store.lmdb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ethercattle.api.StoreException;
import org.lmdbjava.Dbi;
import org.lmdbjava.Env;
import org.lmdbjava.LmdbException;
import org.lmdbjava.LmdbNativeException;
import org.lmdbjava.Txn;

/**
 * Turns LMDB's failures (lmdbjava's exception per {@code MDB_*} code, and plain errno values such as
 * {@code ENOSPC}) into {@link StoreException}s that name the store and tell an operator what to do. LMDB
 * aborts a failed write transaction as a whole, so a write failure can promise the store is unchanged.
 */
final class LmdbErrors {

    private static final int EIO = 5;
    private static final int ENOSPC = 28;
    /** Below this much free space an {@code EIO} is taken for a full disk (see {@link #translate}). */
    private static final long LOW_DISK_BYTES = 64L << 20;

    private LmdbErrors() {}

    /**
     * The exception for {@code e}, raised while doing {@code action} (e.g. "write") on the store at
     * {@code directory}, opened with {@code maxReaders} reader slots and taking keys of at most
     * {@code maxKeyBytes}.
     */
    static StoreException translate(LmdbException e, Path directory, String action, int maxReaders, int maxKeyBytes) {
        String hint;
        if (e instanceof Env.ReadersFullException) {
            hint = "all " + maxReaders + " reader slots are in use; close cursors sooner or raise"
                    + " maxReaders in the spec (e.g. maxReaders=" + maxReaders * 2 + ")";
        } else if (e instanceof Dbi.MapResizedException) {
            hint = "another process grew the store's map; close and reopen the store here";
        } else if (e instanceof Txn.TxFullException) {
            hint = "the batch touches more pages than one LMDB transaction can hold; write it as smaller batches";
        } else if (e instanceof Dbi.BadValueSizeException) {
            hint = "LMDB keys must be 1.." + maxKeyBytes + " bytes";
        } else if (e instanceof LmdbNativeException n && (n.getResultCode() == ENOSPC || n.getResultCode() == EIO)) {
            long free = usableSpace(directory);
            // LMDB reports a short write of a full disk as EIO, so look at the free space to tell them apart.
            hint = n.getResultCode() == ENOSPC || (free >= 0 && free < LOW_DISK_BYTES)
                    ? "the disk is full (" + free + " bytes free on the volume holding " + directory + "); free space"
                            + " there and retry: the failed write was not committed and the store is intact"
                    : "an I/O error on the volume holding " + directory + "; check the disk (kernel log); the failed"
                            + " write was not committed";
        } else {
            hint = "the store may be damaged; restore it from a snapshot if this repeats";
        }
        return new StoreException("lmdb store at " + directory + ": " + action + " failed: " + e.getMessage()
                + "; " + hint, e);
    }

    /**
     * The exception for a failed open of the store at {@code directory}: an LMDB error, or lmdbjava failing
     * to reach into the JVM ({@link UnsupportedOperationException}, {@link LinkageError}) without its flags.
     */
    static StoreException openFailure(Path directory, Throwable e) {
        String hint = e instanceof Env.FileInvalidException
                ? "the directory holds a file that is not an LMDB store; point the spec at an LMDB store"
                : e instanceof Env.VersionMismatchException
                        ? "the store was written by an incompatible LMDB version"
                        : e instanceof LinkageError || e instanceof UnsupportedOperationException
                                ? "lmdbjava needs the JVM flags --add-opens java.base/java.nio=ALL-UNNAMED"
                                        + " --add-opens java.base/sun.nio.ch=ALL-UNNAMED"
                                : "check that the directory is readable and writable and not on a network file"
                                        + " system";
        String cause = e.getMessage() == null ? e.toString() : e.getMessage();
        return new StoreException("cannot open lmdb store at " + directory + ": " + cause + "; " + hint, e);
    }

    private static long usableSpace(Path directory) {
        try {
            return Files.getFileStore(directory).getUsableSpace();
        } catch (IOException e) {
            return -1;
        }
    }
}
