package org.ethercattle.store.rocksdb;

import java.nio.file.Path;
import java.util.Set;
import org.ethercattle.api.spi.Spec;
import org.ethercattle.api.spi.SpecException;

/**
 * The validated settings of one {@code rocksdb:} spec; see {@link RocksDbStoreProvider} for what each
 * parameter means and why its default was chosen. Immutable.
 *
 * @param path            the store's directory
 * @param cacheSize       block cache bytes, 0 for none
 * @param compression     block compression of every level
 * @param writeBufferSize bytes of one memtable
 * @param maxWriteBuffers memtables held before writes stall
 * @param wal             whether writes go to RocksDB's write-ahead log
 * @param sync            whether each write fsyncs the WAL before returning
 * @param maxOpenFiles    table files kept open, -1 for all
 * @param createIfMissing whether a read-write open creates a missing store
 * @param bloomBits       bloom filter bits per key, 0 for no filter
 * @param compaction      how table files are merged
 * @param l0SlowdownFiles level-0 files at which RocksDB starts slowing writes down
 * @param l0StopFiles     level-0 files at which RocksDB stops writes until compaction catches up
 * @param bulkL0SlowdownFiles {@code l0SlowdownFiles} in bulk-load mode ({@link BulkLoadMode})
 * @param bulkL0StopFiles     {@code l0StopFiles} in bulk-load mode
 * @param directIo        whether flushes and compactions bypass the page cache (O_DIRECT)
 * @param bulkL0CompactionFiles level-0 files at which compaction resumes in bulk-load mode; 0 never pauses it
 *                            ({@link BulkLoadMode})
 */
record RocksDbSettings(
        Path path,
        long cacheSize,
        Compression compression,
        long writeBufferSize,
        int maxWriteBuffers,
        boolean wal,
        boolean sync,
        int maxOpenFiles,
        boolean createIfMissing,
        int bloomBits,
        Compaction compaction,
        int l0SlowdownFiles,
        int l0StopFiles,
        int bulkL0SlowdownFiles,
        int bulkL0StopFiles,
        int bulkL0CompactionFiles,
        DirectIo directIo) {

    static final long DEFAULT_CACHE_SIZE = 256L << 20;
    static final Compression DEFAULT_COMPRESSION = Compression.LZ4;
    static final long DEFAULT_WRITE_BUFFER_SIZE = 64L << 20;
    static final int DEFAULT_MAX_WRITE_BUFFERS = 4;
    static final boolean DEFAULT_WAL = true;
    static final boolean DEFAULT_SYNC = false;
    static final int DEFAULT_MAX_OPEN_FILES = 4096;
    static final boolean DEFAULT_CREATE_IF_MISSING = true;
    static final int DEFAULT_BLOOM_BITS = 10;
    static final Compaction DEFAULT_COMPACTION = Compaction.LEVEL;
    /** RocksDB's own defaults. */
    static final int DEFAULT_L0_SLOWDOWN_FILES = 20;
    static final int DEFAULT_L0_STOP_FILES = 36;
    /** Room for a day of geth writes to pile up in level 0 without a stall (docs/benchmarks.md). */
    static final int DEFAULT_BULK_L0_SLOWDOWN_FILES = 60;
    static final int DEFAULT_BULK_L0_STOP_FILES = 80;
    /**
     * A day of geth writes leaves about 100 level-0 files (64 MiB memtables); the bound keeps the merge after
     * a longer backlog, and the free disk it needs, in check.
     */
    static final int DEFAULT_BULK_L0_COMPACTION_FILES = 160;
    static final DirectIo DEFAULT_DIRECT_IO = DirectIo.AUTO;

    /** A block cache is native memory: more than 1 TiB is a typo (e.g. 100t for 100g), not a machine. */
    static final long MAX_CACHE_SIZE = 1L << 40;
    static final long MIN_WRITE_BUFFER_SIZE = 64L << 10;
    /** RocksDB silently clips write_buffer_size to 64k..64g on 64-bit; refusing keeps the spec honest. */
    static final long MAX_WRITE_BUFFER_SIZE = 64L << 30;

    static final Set<String> PARAMETERS = Set.of("cacheSize", "compression", "writeBufferSize",
            "maxWriteBuffers", "wal", "sync", "maxOpenFiles", "createIfMissing", "bloomBits", "compaction",
            "l0SlowdownFiles", "l0StopFiles", "bulkL0SlowdownFiles", "bulkL0StopFiles", "bulkL0CompactionFiles", "directIo");

    /** Reads and validates {@code spec}; throws {@link SpecException} naming the bad parameter. */
    static RocksDbSettings from(Spec spec) {
        spec.requireOnly(PARAMETERS);
        Path path = Path.of(spec.requirePath()).toAbsolutePath().normalize();
        long writeBufferSize = spec.sizeParam("writeBufferSize", DEFAULT_WRITE_BUFFER_SIZE, MIN_WRITE_BUFFER_SIZE,
                MAX_WRITE_BUFFER_SIZE);
        boolean wal = spec.booleanParam("wal", DEFAULT_WAL);
        boolean sync = spec.booleanParam("sync", DEFAULT_SYNC);
        if (sync && !wal) {
            throw new SpecException("spec '" + spec + "': sync=true needs wal=true (sync fsyncs the"
                    + " write-ahead log); drop one of them");
        }
        int l0Slowdown = intParam(spec, "l0SlowdownFiles", DEFAULT_L0_SLOWDOWN_FILES, 4, 10_000);
        int l0Stop = intParam(spec, "l0StopFiles", Math.max(DEFAULT_L0_STOP_FILES, l0Slowdown), 4, 10_000);
        if (l0Stop < l0Slowdown) {
            throw new SpecException("spec '" + spec + "': l0StopFiles=" + l0Stop + " is below l0SlowdownFiles="
                    + l0Slowdown + "; writes must slow down before they stop, so give l0StopFiles >= "
                    + l0Slowdown);
        }
        int bulkSlowdown = intParam(spec, "bulkL0SlowdownFiles",
                Math.max(DEFAULT_BULK_L0_SLOWDOWN_FILES, l0Slowdown), l0Slowdown, 10_000);
        int bulkStop = intParam(spec, "bulkL0StopFiles",
                Math.max(Math.max(DEFAULT_BULK_L0_STOP_FILES, l0Stop), bulkSlowdown), l0Stop, 10_000);
        if (bulkStop < bulkSlowdown) {
            throw new SpecException("spec '" + spec + "': bulkL0StopFiles=" + bulkStop + " is below"
                    + " bulkL0SlowdownFiles=" + bulkSlowdown + "; writes must slow down before they stop, so give"
                    + " bulkL0StopFiles >= " + bulkSlowdown);
        }
        return new RocksDbSettings(
                path,
                spec.sizeParam("cacheSize", DEFAULT_CACHE_SIZE, 0, MAX_CACHE_SIZE),
                spec.enumParam("compression", Compression.class, DEFAULT_COMPRESSION),
                writeBufferSize,
                intParam(spec, "maxWriteBuffers", DEFAULT_MAX_WRITE_BUFFERS, 2, 64),
                wal,
                sync,
                maxOpenFiles(spec),
                spec.booleanParam("createIfMissing", DEFAULT_CREATE_IF_MISSING),
                intParam(spec, "bloomBits", DEFAULT_BLOOM_BITS, 0, 64),
                spec.enumParam("compaction", Compaction.class, DEFAULT_COMPACTION),
                l0Slowdown,
                l0Stop,
                bulkSlowdown,
                bulkStop,
                intParam(spec, "bulkL0CompactionFiles", DEFAULT_BULK_L0_COMPACTION_FILES, 0, 100_000),
                spec.enumParam("directIo", DirectIo.class, DEFAULT_DIRECT_IO));
    }

    private static int maxOpenFiles(Spec spec) {
        long value = spec.longParam("maxOpenFiles", DEFAULT_MAX_OPEN_FILES);
        if (value != -1 && (value < 16 || value > Integer.MAX_VALUE)) {
            throw new SpecException("spec '" + spec + "': maxOpenFiles=" + value
                    + " is out of range; give -1 (keep every file open) or a count of at least 16");
        }
        return (int) value;
    }

    private static int intParam(Spec spec, String name, int defaultValue, int min, int max) {
        long value = spec.longParam(name, defaultValue);
        if (value < min || value > max) {
            throw new SpecException("spec '" + spec + "': " + name + "=" + value + " is out of range; give a"
                    + " whole number from " + min + " to " + max + " (the default is " + defaultValue + ")");
        }
        return (int) value;
    }
}
