package org.ethercattle.store.leveldb;

import java.nio.file.Path;
import org.ethercattle.api.StoreException;

/**
 * Turns LevelDB's status strings (which leveldbjni passes on as exception messages) into
 * {@link StoreException}s that name the store and say what to do. LevelDB reports failures only as
 * text such as {@code "IO error: lock /data/db/LOCK: Resource temporarily unavailable"} or
 * {@code "Corruption: bad record length"}, so matching on that text is the only way to tell them apart.
 */
final class LevelDbErrors {

    private LevelDbErrors() {}

    /**
     * The exception to throw when {@code action} (e.g. "open", "write a batch to") failed on the store at
     * {@code path} with {@code cause}.
     */
    static StoreException translate(Path path, String action, Throwable cause) {
        String detail = String.valueOf(cause.getMessage());
        String store = "leveldb store at " + path;
        if (detail.contains("LOCK") && detail.contains("already held by process")) {
            return new StoreException(store + " is already open in this process (LOCK held); close the other"
                    + " handle first or use another path", cause);
        }
        // fcntl answers EAGAIN (or EACCES on some systems) when another process holds the lock
        if (detail.startsWith("IO error: lock ")
                && (detail.contains("temporarily unavailable") || detail.contains("Permission denied"))) {
            return new StoreException(store + " is in use by another process (LOCK held); stop it or use another"
                    + " path", cause);
        }
        if (detail.startsWith("Corruption:")) {
            return new StoreException(store + " is corrupt (" + detail + "); replace it with a snapshot and let the"
                    + " replica resume from the log (a repair may silently drop data)", cause);
        }
        if (detail.contains("No space left on device") || detail.contains("Disk quota exceeded")) {
            return new StoreException(store + " could not " + action + " it: no space left on the device ("
                    + detail + "); free space or move the store, then reopen it. The last checkpoint is intact"
                    + " because every batch is written atomically, so replay resumes from there", cause);
        }
        if (detail.contains("does not exist (create_if_missing is false)")) {
            return new StoreException(store + " does not exist; check the path, or open it read-write with"
                    + " createIfMissing=true to create it", cause);
        }
        if (detail.contains("exists (error_if_exists is true)")) {
            return new StoreException(store + " already exists; choose a new path", cause);
        }
        return new StoreException(store + " could not " + action + " it: " + detail
                + "; check that the path is a LevelDB directory, readable and writable by this user, on a"
                + " healthy disk", cause);
    }
}
