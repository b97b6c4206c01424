package org.ethercattle.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ethercattle.api.Database;
import org.ethercattle.api.Stores;
import org.ethercattle.adapter.support.Directories;

/**
 * Benchmark specs are templates: {@code {dir}} stands for a fresh scratch directory, so one parameter such
 * as {@code rocksdb:{dir}?wal=false} or {@code myadapter:{dir}} opens a new, empty store (or log) per trial.
 * A spec without {@code {dir}} (e.g. {@code memory:}) is used as written. The scratch directory lives
 * under {@code cattle.bench.dir} (default: the system temp directory) and is deleted by {@link #close()}.
 */
public final class ScratchStore implements AutoCloseable {

    /** The placeholder a spec template uses for its directory. */
    public static final String DIR = "{dir}";

    private final Path dir;
    private final Database database;

    private ScratchStore(Path dir, Database database) {
        this.dir = dir;
        this.database = database;
    }

    /** Opens a new store from {@code template}. */
    public static ScratchStore open(String template) {
        Path dir = newDirectory("store");
        try {
            return new ScratchStore(dir, Stores.open(resolve(template, dir.resolve("db"))));
        } catch (RuntimeException e) {
            delete(dir);
            throw e;
        }
    }

    /** The open store. */
    public Database database() {
        return database;
    }

    /** Closes the store and deletes its directory. */
    @Override
    public void close() {
        try {
            database.close();
        } finally {
            delete(dir);
        }
    }

    /** {@code template} with {@code {dir}} replaced by {@code dir}. */
    public static String resolve(String template, Path dir) {
        return template.replace(DIR, dir.toAbsolutePath().toString());
    }

    /** A new empty directory for one trial's files. */
    public static Path newDirectory(String what) {
        try {
            Path root = Path.of(System.getProperty("cattle.bench.dir", System.getProperty("java.io.tmpdir")));
            Files.createDirectories(root);
            return Files.createTempDirectory(root, "cattle-bench-" + what + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a scratch directory for a benchmark; set"
                    + " -Dcattle.bench.dir to a writable directory with a few GiB free", e);
        }
    }

    /** Deletes {@code dir} and everything under it; missing is fine. */
    public static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try {
            Directories.deleteRecursively(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete scratch directory " + dir, e);
        }
    }
}
