package org.ethercattle.cli;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;
import org.ethercattle.api.StoreException;
import org.ethercattle.api.spi.Spec;

/**
 * The file {@value #FILE_NAME} a replica keeps in its store's directory while it runs: created once the
 * store is open, removed once it has closed cleanly. Found at the next start, it says the last replica on
 * the store did not stop cleanly (killed, crashed, lost power), so the store is verified before replay
 * resumes (deleting the file skips that).
 *
 * <p>A file, not a key: with RocksDB's write-ahead log off, a key written outside replay's batches could be
 * lost in the very crash it is meant to reveal. Kept in the directory of a rocksdb, leveldb or lmdb store
 * (the stores ignore files they do not know, and their checkpoints do not copy it), and of a layered store's
 * top; a store without a directory (memory) has no marker.
 */
final class RunningMarker {

    static final String FILE_NAME = "cattle.running";

    private final Path file;

    private RunningMarker(Path file) {
        this.file = file;
    }

    /** The marker of the store {@code storeSpec}; resolve it once the store is open (its directory exists). */
    static RunningMarker of(String storeSpec) {
        return new RunningMarker(StoreDirectories.writtenIn(Spec.parse(storeSpec)).filter(Files::isDirectory)
                .map(d -> d.toAbsolutePath().resolve(FILE_NAME)).orElse(null));
    }

    /** The marker file, empty for a store without a directory. */
    Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** Whether the marker is there: the last replica on this store did not stop cleanly. */
    boolean present() {
        return file != null && Files.exists(file);
    }

    /** Creates (or refreshes) the marker, durably: it must survive the crash it is meant to reveal. */
    void create() {
        if (file == null) {
            return;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(StandardCharsets.UTF_8.encode("pid " + ProcessHandle.current().pid() + " started "
                    + Instant.now() + "\n"));
            channel.force(true);
        } catch (IOException e) {
            throw new StoreException("could not write the running-replica marker " + file + " (" + e
                    + "); check that the store directory is writable", e);
        }
    }

    /** Removes the marker after a clean close. */
    void remove() {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new StoreException("could not remove the running-replica marker " + file + " (" + e
                    + "); the next start will verify the store; delete the file to skip that", e);
        }
    }
}
