package org.ethercattle.store.leveldb;

import com.google.auto.service.AutoService;
import java.nio.file.Path;
import org.ethercattle.api.Database;
import org.ethercattle.api.spi.OpenMode;
import org.ethercattle.api.spi.Spec;
import org.ethercattle.api.spi.SpecException;
import org.ethercattle.api.spi.StoreProvider;

/**
 * Opens LevelDB stores (leveldbjni-all 1.8, native LevelDB 1.x) from specs such as
 * {@code leveldb:/var/lib/cattle/db?cacheSize=512m}. The path is a directory; relative paths resolve
 * against the working directory. The store returned is a {@link LevelDbDatabase}, which is also
 * {@link org.ethercattle.api.Checkpointable}.
 *
 * <h2>Parameters (defaults chosen for a replica replaying a log)</h2>
 * <table>
 *   <caption>spec parameters</caption>
 *   <tr><th>name</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code cacheSize}</td><td>{@code 128m}</td><td>block cache (native memory, filled on use);
 *       {@code 0} leaves LevelDB's own 8 MiB cache</td></tr>
 *   <tr><td>{@code writeBufferSize}</td><td>{@code 64m}</td><td>memtable size, 64k..1g; LevelDB keeps up to
 *       two in memory. Larger means fewer level-0 files while replay writes large batches</td></tr>
 *   <tr><td>{@code compression}</td><td>{@code snappy}</td><td>{@code snappy} or {@code none}</td></tr>
 *   <tr><td>{@code sync}</td><td>{@code false}</td><td>fsync each write. Off by default: a batch is one
 *       checksummed log record, so a power loss drops whole batches from the tail and the replica
 *       replays them again from its log</td></tr>
 *   <tr><td>{@code maxOpenFiles}</td><td>{@code 1000}</td><td>table files kept open, 74..50000; raise it
 *       (and the process's file limit) for stores of many GiB</td></tr>
 *   <tr><td>{@code blockSize}</td><td>{@code 4k}</td><td>uncompressed bytes per table block, 1k..4m</td></tr>
 *   <tr><td>{@code createIfMissing}</td><td>{@code true}</td><td>create the store (and its parent
 *       directories) when missing; ignored read-only</td></tr>
 *   <tr><td>{@code minFreeSpace}</td><td>{@code 256m}</td><td>writes throw
 *       {@link org.ethercattle.api.StoreException} while the disk has less free space; {@code 0} switches
 *       the check off. The LevelDB in leveldbjni-all 1.8 writes through {@code mmap}, so a disk that
 *       really fills kills the JVM with {@code SIGBUS} instead of returning an error; whole batches
 *       survive that crash, but stopping earlier is kinder</td></tr>
 * </table>
 * Sizes take {@code k}, {@code m}, {@code g} suffixes (binary units). Any other parameter is a
 * {@link SpecException}.
 *
 * <h2>Read-only</h2>
 * LevelDB cannot open a store read-only: {@link OpenMode#READ_ONLY} opens it normally, which takes the
 * directory's {@code LOCK} (so no other process can open it meanwhile) and may rewrite LevelDB's own
 * log and manifest files, and then refuses writes with {@link org.ethercattle.api.ReadOnlyException}.
 * The store must already exist.
 *
 * <h2>Errors</h2>
 * A store locked by another process, a corrupt store, a disk short of {@code minFreeSpace} or a missing
 * store throws {@link org.ethercattle.api.StoreException} naming the path and the fix.
 */
@AutoService(StoreProvider.class)
public final class LevelDbStoreProvider implements StoreProvider {

    /** The spec scheme, {@code leveldb}. */
    public static final String SCHEME = "leveldb";

    @Override
    public String scheme() {
        return SCHEME;
    }

    @Override
    public int apiVersion() {
        return API_VERSION;
    }

    @Override
    public String description() {
        return "LevelDB (leveldbjni-all 1.8, native LevelDB 1.x): leveldb:/path/to/dir";
    }

    @Override
    public Database open(Spec spec, OpenMode mode) {
        if (spec.authority() != null) {
            throw new SpecException("spec '" + spec + "' names a host; a leveldb store is a local directory,"
                    + " e.g. leveldb:/var/lib/cattle/leveldb");
        }
        LevelDbOptions options = LevelDbOptions.from(spec.withConfigFile());
        return LevelDbDatabase.open(Path.of(spec.requirePath()), options, mode);
    }
}
