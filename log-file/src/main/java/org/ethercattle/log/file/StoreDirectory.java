package org.ethercattle.log.file;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Recognizes a directory that already holds a store, so a file log is never opened among a store's
 * files (a store's own write-ahead logs are {@code *.log} files too). Only well-known markers, checked
 * by name: RocksDB ({@code CURRENT} with {@code MANIFEST-*} and {@code OPTIONS-*}), LevelDB
 * ({@code CURRENT} with {@code MANIFEST-*}) and LMDB ({@code data.mdb}). The layered store has no
 * directory of its own; its layers are one of these.
 */
final class StoreDirectory {

    private StoreDirectory() {}

    /** What store {@code dir} holds, e.g. {@code "a RocksDB store (CURRENT, MANIFEST-*, OPTIONS-*)"}; empty if none. */
    static Optional<String> recognize(Path dir) {
        if (Files.exists(dir.resolve("data.mdb"))) {
            return Optional.of("an LMDB store (data.mdb)");
        }
        if (!Files.exists(dir.resolve("CURRENT")) || !holds(dir, "MANIFEST-*")) {
            return Optional.empty();
        }
        return Optional.of(holds(dir, "OPTIONS-*") ? "a RocksDB store (CURRENT, MANIFEST-*, OPTIONS-*)"
                : "a LevelDB store (CURRENT, MANIFEST-*)");
    }

    private static boolean holds(Path dir, String glob) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, glob)) {
            return files.iterator().hasNext();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
