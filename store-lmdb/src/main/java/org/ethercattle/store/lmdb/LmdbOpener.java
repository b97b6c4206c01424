package org.ethercattle.store.lmdb;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.ethercattle.api.StoreException;
import org.ethercattle.api.spi.OpenMode;
import org.ethercattle.adapter.support.FileLogDirectory;
import org.lmdbjava.ByteBufferProxy;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.LmdbException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the LMDB environment behind an {@link LmdbDatabase} and lets it go again: checks the directory,
 * claims it for this JVM (LMDB allows one open environment per data file and process), takes the
 * {@link WriterLock} for a read-write open, opens the environment and its main database. Whatever a failed
 * open had taken is given back by {@link #release}, the same step {@link LmdbDatabase#close()} ends with.
 */
final class LmdbOpener {

    private static final Logger LOG = LoggerFactory.getLogger(LmdbOpener.class);
    private static final Set<Path> OPEN_DIRECTORIES = ConcurrentHashMap.newKeySet();

    private LmdbOpener() {}

    /**
     * Opens the store {@code options} names. In {@link OpenMode#READ_ONLY} the store must exist and
     * writes throw {@link org.ethercattle.api.ReadOnlyException}; a read-write open takes the store's
     * {@link WriterLock}.
     *
     * @throws StoreException when the store is missing, already open in this JVM, open read-write in
     *                        another process (read-write opens only), not an LMDB store, or cannot be
     *                        opened; the message names the directory and the fix
     */
    static LmdbDatabase open(LmdbOptions options, OpenMode mode) {
        boolean readOnly = mode == OpenMode.READ_ONLY;
        Path directory = prepareDirectory(options, readOnly);
        if (!OPEN_DIRECTORIES.add(directory)) {
            throw new StoreException("lmdb store at " + directory + " is already open in this JVM; LMDB allows"
                    + " one open environment per store and process, so share the open Database instead");
        }
        Env<ByteBuffer> env = null;
        WriterLock writerLock = null;
        boolean opened = false;
        try {
            // Locked before LMDB opens anything, so a refused open leaves the owner's files untouched.
            writerLock = readOnly ? null : WriterLock.acquire(directory);
            env = Env.create(ByteBufferProxy.PROXY_OPTIMAL)
                    .setMapSize(options.mapSize().initial())
                    .setMaxReaders(options.maxReaders())
                    .setMaxDbs(1)
                    .open(directory.toFile(), 0644, flags(options, readOnly));
            // The main database compares with memcmp in C; MDB_UNSIGNEDKEY only makes any Java-side
            // comparison lmdbjava does agree with it (unsigned), it is not passed to LMDB.
            Dbi<ByteBuffer> dbi = env.openDbi((byte[]) null, DbiFlags.MDB_UNSIGNEDKEY);
            int stale = env.readerCheck(); // reader slots left by crashed processes pin old pages
            if (stale > 0) {
                LOG.info("lmdb store at {}: cleared {} reader slot(s) left by processes that died", directory, stale);
            }
            LmdbDatabase db = new LmdbDatabase(directory, options, readOnly, env, dbi, writerLock);
            LOG.debug("opened lmdb store at {} (map {} bytes, sync {}, {})", directory, db.mapSize(),
                    options.sync(), readOnly ? "read-only" : "read-write");
            opened = true;
            return db;
        } catch (LmdbException | UnsupportedOperationException | LinkageError e) {
            throw LmdbErrors.openFailure(directory, e);
        } finally {
            if (!opened) {
                release(directory, env, writerLock);
            }
        }
    }

    /**
     * Gives back what an open took, in the order that keeps other openers out until the end: the
     * environment first (null when it never opened), then the lock that kept other writers out of it
     * (null for read-only opens), then this JVM's claim on the directory.
     */
    static void release(Path directory, Env<ByteBuffer> env, WriterLock writerLock) {
        if (env != null) {
            env.close();
        }
        if (writerLock != null) {
            writerLock.close(); // only after the environment: another writer may start at once
        }
        OPEN_DIRECTORIES.remove(directory);
    }

    private static EnvFlags[] flags(LmdbOptions options, boolean readOnly) {
        List<EnvFlags> flags = new ArrayList<>();
        flags.add(EnvFlags.MDB_NOTLS);
        if (readOnly) {
            flags.add(EnvFlags.MDB_RDONLY_ENV);
        } else if (options.sync().flag() != null) {
            flags.add(options.sync().flag());
        }
        return flags.toArray(new EnvFlags[0]);
    }

    private static Path prepareDirectory(LmdbOptions options, boolean readOnly) {
        Path directory = options.directory().toAbsolutePath().normalize();
        boolean exists = Files.isDirectory(directory) && Files.exists(directory.resolve("data.mdb"));
        FileLogDirectory.refuseAsStore("lmdb", directory);
        if (!exists) {
            if (readOnly) {
                throw new StoreException("no lmdb store at " + directory + " (no data.mdb there); a read-only"
                        + " open needs an existing store: check the path or create the store first");
            }
            if (!options.createIfMissing()) {
                throw new StoreException("no lmdb store at " + directory + " and createIfMissing=false; check the"
                        + " path or drop createIfMissing=false to create it");
            }
            try {
                Files.createDirectories(directory);
            } catch (IOException e) {
                throw new StoreException("cannot create the lmdb store directory " + directory + ": " + e
                        + "; check the path and its permissions", e);
            }
        }
        try {
            return directory.toRealPath();
        } catch (IOException e) {
            throw new StoreException("cannot resolve the lmdb store directory " + directory + ": " + e, e);
        }
    }
}
