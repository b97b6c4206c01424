package org.ethercattle.store.rocksdb;

import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Cache;
import org.rocksdb.IndexType;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.WriteOptions;

/**
 * The native option objects one open store needs for its whole life: RocksDB keeps pointers into the
 * {@link Options}, the block cache and the bloom filter, so they are freed only after the database is
 * closed. The read and write options are built once and shared by every call (creating them per call
 * would cost a JNI allocation each). Not thread-safe to close; {@link RocksDbDatabase} closes it once,
 * after the database.
 */
final class NativeOptions implements AutoCloseable {

    private final Options options;
    private final Cache blockCache;
    private final BloomFilter bloomFilter;
    private final WriteOptions writeOptions;
    private final ReadOptions readOptions;

    /**
     * @param directIo whether flushes and compactions use {@code O_DIRECT} ({@link DirectIo#resolve}, done by
     *                 the caller because it probes the store's directory)
     */
    NativeOptions(RocksDbSettings settings, boolean directIo) {
        // Up to half the cache holds index and filter blocks at high priority, so a scan of cold data
        // evicts data blocks before it evicts what every lookup needs.
        blockCache = settings.cacheSize() > 0 ? new LRUCache(settings.cacheSize(), -1, false, 0.5) : null;
        bloomFilter = settings.bloomBits() > 0 ? new BloomFilter(settings.bloomBits()) : null;
        BlockBasedTableConfig table = new BlockBasedTableConfig();
        if (blockCache == null) {
            table.setNoBlockCache(true);
        } else {
            // A geth-sized store has gigabytes of index and filter blocks: partitioned, they live in the
            // cache (bounded memory, loaded by the partition) with only their top level pinned.
            table.setBlockCache(blockCache)
                    .setCacheIndexAndFilterBlocks(true)
                    .setCacheIndexAndFilterBlocksWithHighPriority(true)
                    .setPinL0FilterAndIndexBlocksInCache(true)
                    .setIndexType(IndexType.kTwoLevelIndexSearch)
                    .setPinTopLevelIndexAndFilter(true);
        }
        if (bloomFilter != null) {
            table.setFilterPolicy(bloomFilter).setPartitionFilters(blockCache != null);
        }
        int cores = Runtime.getRuntime().availableProcessors();
        options = new Options()
                .setCreateIfMissing(settings.createIfMissing())
                .setTableFormatConfig(table)
                .setCompressionType(settings.compression().type())
                .setCompactionStyle(settings.compaction().style())
                .setLevel0SlowdownWritesTrigger(settings.l0SlowdownFiles())
                .setLevel0StopWritesTrigger(settings.l0StopFiles())
                .setWriteBufferSize(settings.writeBufferSize())
                .setMaxWriteBufferNumber(settings.maxWriteBuffers())
                .setMaxOpenFiles(settings.maxOpenFiles())
                .setMaxBackgroundJobs(Math.max(2, Math.min(8, cores)))
                // The merge after bulk-load mode is one large level-0 compaction; split into
                // subcompactions it uses every core (docs/benchmarks.md, optimisation 8).
                .setMaxSubcompactions(Math.max(1, Math.min(4, cores)))
                .setUseDirectIoForFlushAndCompaction(directIo)
                // RocksDB's own LOG files would otherwise pile up in the store directory forever.
                .setInfoLogLevel(InfoLogLevel.WARN_LEVEL)
                .setKeepLogFileNum(5)
                .setMaxLogFileSize(16L << 20);
        writeOptions = new WriteOptions().setDisableWAL(!settings.wal()).setSync(settings.sync());
        readOptions = new ReadOptions();
    }

    Options options() {
        return options;
    }

    WriteOptions writeOptions() {
        return writeOptions;
    }

    ReadOptions readOptions() {
        return readOptions;
    }

    @Override
    public void close() {
        readOptions.close();
        writeOptions.close();
        options.close();
        if (bloomFilter != null) {
            bloomFilter.close();
        }
        if (blockCache != null) {
            blockCache.close();
        }
    }
}
