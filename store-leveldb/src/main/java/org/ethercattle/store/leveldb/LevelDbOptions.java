package org.ethercattle.store.leveldb;

import java.util.Set;
import org.ethercattle.api.spi.Spec;
import org.ethercattle.api.spi.SpecException;
import org.iq80.leveldb.CompressionType;
import org.iq80.leveldb.Options;

/**
 * The tuning a {@code leveldb:} spec may carry, with defaults chosen for a replica replaying a log
 * (large batches of small keys, point reads from RPC). Immutable.
 *
 * @param cacheSize       block cache in bytes ({@code cacheSize}); 0 means LevelDB's built-in 8 MiB cache
 * @param writeBufferSize memtable size in bytes ({@code writeBufferSize}); up to two are in memory at once
 * @param compression     block compression ({@code compression=snappy|none})
 * @param sync            fsync every write ({@code sync})
 * @param maxOpenFiles    table files kept open ({@code maxOpenFiles})
 * @param blockSize       uncompressed bytes per table block ({@code blockSize})
 * @param createIfMissing create the store when its directory holds none ({@code createIfMissing});
 *                        read-only opens never create
 * @param minFreeSpace    writes are refused while the disk has fewer free bytes ({@code minFreeSpace});
 *                        0 switches the check off
 */
public record LevelDbOptions(long cacheSize, int writeBufferSize, CompressionType compression, boolean sync,
                             int maxOpenFiles, int blockSize, boolean createIfMissing, long minFreeSpace) {

    /** The parameter names a {@code leveldb:} spec accepts. */
    public static final Set<String> PARAMS = Set.of(
            "cacheSize", "writeBufferSize", "compression", "sync", "maxOpenFiles", "blockSize", "createIfMissing",
            "minFreeSpace");

    /** 128 MiB: LevelDB's 8 MiB default holds too few trie-node blocks for the point reads a replica serves. */
    public static final long DEFAULT_CACHE_SIZE = 128L << 20;
    /** 64 MiB: a larger memtable means fewer, larger level-0 files while replay writes 8 MiB batches. */
    public static final int DEFAULT_WRITE_BUFFER_SIZE = 64 << 20;
    /** 1000, LevelDB's own default: enough for a few GiB of 2 MiB tables without raising the fd limit. */
    public static final int DEFAULT_MAX_OPEN_FILES = 1000;
    /** 4 KiB, LevelDB's own default: point reads of 32-byte hash keys want small blocks. */
    public static final int DEFAULT_BLOCK_SIZE = 4 << 10;

    /**
     * 256 MiB: room for the compactions in flight when writes stop; the LevelDB in leveldbjni crashes the
     * JVM (SIGBUS) rather than report a full disk, so writes must stop before it is full.
     */
    public static final long DEFAULT_MIN_FREE_SPACE = 256L << 20;

    // LevelDB silently clips these to its own ranges; rejecting instead keeps the spec honest.
    private static final long MIN_WRITE_BUFFER = 64L << 10;
    private static final long MAX_WRITE_BUFFER = 1L << 30;
    private static final long MIN_OPEN_FILES = 74;
    private static final long MAX_OPEN_FILES = 50_000;
    private static final long MIN_BLOCK = 1L << 10;
    /** The cache is native memory: more than 1 TiB is a typo (e.g. 100t for 100g), not a machine. */
    private static final long MAX_CACHE = 1L << 40;
    private static final long MAX_BLOCK = 4L << 20;

    /** The defaults: every parameter absent. */
    public static LevelDbOptions defaults() {
        return new LevelDbOptions(DEFAULT_CACHE_SIZE, DEFAULT_WRITE_BUFFER_SIZE, CompressionType.SNAPPY, false,
                DEFAULT_MAX_OPEN_FILES, DEFAULT_BLOCK_SIZE, true, DEFAULT_MIN_FREE_SPACE);
    }

    /**
     * Reads the options from {@code spec}'s parameters.
     *
     * @throws SpecException for an unknown parameter or a value that is malformed or out of LevelDB's range
     */
    public static LevelDbOptions from(Spec spec) {
        spec.requireOnly(PARAMS);
        return new LevelDbOptions(
                spec.sizeParam("cacheSize", DEFAULT_CACHE_SIZE, 0, MAX_CACHE),
                (int) inRange(spec, "writeBufferSize", spec.sizeParam("writeBufferSize", DEFAULT_WRITE_BUFFER_SIZE),
                        MIN_WRITE_BUFFER, MAX_WRITE_BUFFER, "64k", "1g"),
                spec.enumParam("compression", CompressionType.class, CompressionType.SNAPPY),
                spec.booleanParam("sync", false),
                (int) inRange(spec, "maxOpenFiles", spec.longParam("maxOpenFiles", DEFAULT_MAX_OPEN_FILES),
                        MIN_OPEN_FILES, MAX_OPEN_FILES, "74", "50000"),
                (int) inRange(spec, "blockSize", spec.sizeParam("blockSize", DEFAULT_BLOCK_SIZE),
                        MIN_BLOCK, MAX_BLOCK, "1k", "4m"),
                spec.booleanParam("createIfMissing", true),
                spec.sizeParam("minFreeSpace", DEFAULT_MIN_FREE_SPACE));
    }

    private static long inRange(Spec spec, String name, long value, long min, long max, String minText,
                                String maxText) {
        if (value < min || value > max) {
            throw new SpecException("spec '" + spec + "': parameter " + name + "=" + spec.params().get(name)
                    + " is outside LevelDB's range; use a value from " + minText + " to " + maxText);
        }
        return value;
    }

    /** LevelDB options for opening the store, in {@code readOnly} mode never creating it. */
    Options toNative(boolean readOnly) {
        return new Options()
                .createIfMissing(createIfMissing && !readOnly)
                .cacheSize(cacheSize)
                .writeBufferSize(writeBufferSize)
                .compressionType(compression)
                .maxOpenFiles(maxOpenFiles)
                .blockSize(blockSize);
    }
}
