package org.ethercattle.store.rocksdb;

import com.google.auto.service.AutoService;
import org.ethercattle.api.Database;
import org.ethercattle.api.spi.OpenMode;
import org.ethercattle.api.spi.Spec;
import org.ethercattle.api.spi.StoreProvider;

/**
 * Opens RocksDB stores, Cattle's default store: {@code rocksdb:/var/lib/cattle/db?name=value&...}.
 * The path is the store's directory (created, with its parents, in {@link OpenMode#READ_WRITE} unless
 * {@code createIfMissing=false}). The defaults suit a replica replaying a log of geth-shaped batches
 * on a machine with a few GiB of memory to spare.
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>name</th><th>default</th><th>meaning, and why the default</th></tr>
 *   <tr><td>{@code cacheSize}</td><td>{@code 256m}</td><td>LRU block cache shared by reads (0: none).
 *       Replicas serve reads; index and filter blocks live in it too, so it bounds their memory.</td></tr>
 *   <tr><td>{@code compression}</td><td>{@code lz4}</td><td>{@code none|snappy|lz4|zstd} for every
 *       level. LZ4 costs little CPU on the replay path and decompresses fastest; hashes and trie nodes
 *       barely compress, so stronger codecs buy little.</td></tr>
 *   <tr><td>{@code writeBufferSize}</td><td>{@code 64m}</td><td>bytes of one memtable (at least 64k).
 *       Large enough that a flush carries hundreds of ~100 KiB batches.</td></tr>
 *   <tr><td>{@code maxWriteBuffers}</td><td>{@code 4}</td><td>memtables held before writes stall (2 to
 *       64). Four lets replay keep writing while up to three flush; memtable memory is at most
 *       {@code writeBufferSize x maxWriteBuffers}.</td></tr>
 *   <tr><td>{@code wal}</td><td>{@code true}</td><td>write RocksDB's write-ahead log. A replica may set
 *       {@code false}: its replay checkpoint is written in the same batch as the data, and a batch
 *       never straddles two memtables, so after a crash the store holds a prefix of whole batches with
 *       the checkpoint that covers them, and replay resumes from there (the log is the write-ahead
 *       log). A master, or anything whose writes exist nowhere else, must keep it on.</td></tr>
 *   <tr><td>{@code sync}</td><td>{@code false}</td><td>fsync the WAL on every write (needs
 *       {@code wal=true}). Off: a process crash loses nothing, a power loss may lose the newest writes
 *       but never part of a batch; replay re-applies them from the log.</td></tr>
 *   <tr><td>{@code maxOpenFiles}</td><td>{@code 4096}</td><td>table files kept open ({@code -1}: all,
 *       fastest when {@code ulimit -n} allows). Bounds file handles for stores of hundreds of GiB.</td></tr>
 *   <tr><td>{@code createIfMissing}</td><td>{@code true}</td><td>create a missing store on a read-write
 *       open; {@code false} makes a missing store an error (e.g. a wrong path to a restored snapshot).</td></tr>
 *   <tr><td>{@code bloomBits}</td><td>{@code 10}</td><td>bloom filter bits per key (0: none). Ten gives
 *       about 1% false positives, so a read of a missing key rarely touches disk.</td></tr>
 *   <tr><td>{@code compaction}</td><td>{@code level}</td><td>{@code level|universal}. Leveled keeps the
 *       least space and the best reads. Universal rewrites each byte far fewer times, which let a cold
 *       replica catch up on a day of geth writes faster on two cores ({@code docs/benchmarks.md},
 *       optimisation 5), at the price of up to twice the space while it merges. A
 *       store created with one style opens with the other.</td></tr>
 *   <tr><td>{@code l0SlowdownFiles}</td><td>{@code 20}</td><td>level-0 files at which RocksDB slows writes
 *       down (its own default). Every stall of a day-long catch-up was this one, and raised to 60 (with
 *       {@code l0StopFiles=80}) it made that catch-up much faster ({@code docs/benchmarks.md},
 *       optimisation 6), which is why bulk-load mode raises it (below). Raising it for good costs slower
 *       reads whenever a burst of writes deepens level 0.</td></tr>
 *   <tr><td>{@code l0StopFiles}</td><td>{@code 36}</td><td>level-0 files at which RocksDB stops writes (its
 *       default; at least {@code l0SlowdownFiles}, which it follows when that is raised above 36).</td></tr>
 *   <tr><td>{@code bulkL0SlowdownFiles}</td><td>{@code 60}</td><td>{@code l0SlowdownFiles} while
 *       compaction runs in or after bulk-load mode ({@link org.ethercattle.api.BulkLoadable}), which a replayer
 *       enters during a long catch-up; never less than the normal room on top of the level-0 files already
 *       there. The normal limits return once compaction has drained level 0 after the mode. At least
 *       {@code l0SlowdownFiles}, which it follows when that is raised above 60.</td></tr>
 *   <tr><td>{@code bulkL0StopFiles}</td><td>{@code 80}</td><td>{@code l0StopFiles} likewise (at least
 *       {@code l0StopFiles} and {@code bulkL0SlowdownFiles}).</td></tr>
 *   <tr><td>{@code bulkL0CompactionFiles}</td><td>{@code 160}</td><td>in bulk-load mode automatic compaction
 *       is paused until level 0 holds this many files, so a catch-up only flushes and the merge happens
 *       once, after it (or, for a longer backlog, from this bound on). The bound leaves room for a day of
 *       geth writes in 64 MiB memtables, which then catches up from Kafka much faster than with compaction
 *       running ({@code docs/benchmarks.md}, optimisation 8). The merge needs free disk about the size of what
 *       level 0 holds; {@code 0} keeps compaction running throughout the mode.</td></tr>
 *   <tr><td>{@code directIo}</td><td>{@code auto}</td><td>{@code auto|true|false}: flushes and compactions
 *       read and write their files with {@code O_DIRECT}, bypassing the page cache. Copying a replica's
 *       writes into the page cache was the flush thread's largest cost, and the fresh files evicted the pages
 *       readers use. {@code auto} uses it where the store's file system takes it (probed at open);
 *       {@code true} makes a file system without it an error.</td></tr>
 * </table>
 *
 * <p>An unknown parameter is a {@link org.ethercattle.api.spi.SpecException}. In
 * {@link OpenMode#READ_ONLY} the store must exist; it is opened without taking RocksDB's lock. A
 * store another process holds open read-write fails with a
 * {@link org.ethercattle.api.StoreException} saying so.
 */
@AutoService(StoreProvider.class)
public final class RocksDbStoreProvider implements StoreProvider {

    /** The spec scheme this provider answers to. */
    public static final String SCHEME = "rocksdb";

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
        return "RocksDB (rocksdbjni): embedded LSM store on local disk, the default store;"
                + " rocksdb:/path?cacheSize=256m&compression=lz4&wal=true";
    }

    /**
     * {@inheritDoc}
     *
     * @return a {@link RocksDbDatabase}, which is also {@link org.ethercattle.api.Checkpointable}
     */
    @Override
    public Database open(Spec spec, OpenMode mode) {
        return RocksDbDatabase.open(RocksDbSettings.from(spec.withConfigFile()), mode);
    }
}
