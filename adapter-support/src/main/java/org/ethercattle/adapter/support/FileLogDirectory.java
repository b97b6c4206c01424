package org.ethercattle.adapter.support;

import java.nio.file.Files;
import java.nio.file.Path;
import org.ethercattle.api.StoreException;

/**
 * Keeps a store out of a directory that holds Cattle's file log. A store writes its own files (data files,
 * write-ahead logs, lock files) wherever it is pointed, and among a log's segments it would damage the log
 * or be mistaken for part of it; a spec naming the log's directory as a store's is a slip worth refusing.
 */
public final class FileLogDirectory {

    /**
     * The metadata file that marks a directory as a file log: cattle-log-file's {@code LogMetadata.FILE_NAME},
     * repeated here because store adapters do not depend on the log module.
     */
    public static final String MARKER = "cattle-log.properties";

    private FileLogDirectory() {}

    /**
     * Refuses {@code directory} as the directory of a store of kind {@code storeKind} (e.g. "rocksdb") when
     * it holds a file log; returns quietly otherwise, also when the directory does not exist.
     *
     * @throws StoreException naming the directory, the marker and the fix
     */
    public static void refuseAsStore(String storeKind, Path directory) {
        if (Files.exists(directory.resolve(MARKER))) {
            throw new StoreException(storeKind + " store directory " + directory + " holds a Cattle file log ("
                    + MARKER + "); a store and a log cannot share a directory: give the store its own"
                    + " directory, e.g. a sibling of the log's");
        }
    }
}
