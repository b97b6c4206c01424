package org.ethercattle.benchmarks;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ethercattle.api.record.Op;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.rocksdb.CompressionType;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * RocksDB's own ceiling, without Cattle: the same ops as {@link StoreWriteBenchmark} in plain
 * rocksdbjni {@link WriteBatch}es (one JNI call per op, as most Java code writes them), WAL off, with the
 * memtable size, count and compression Cattle's store uses by default (64 MiB x 4, LZ4). The figure the
 * {@code rocksdb} store and the replayer are measured against.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
public class RawRocksDbWriteBenchmark {

    @Param("400")
    public int poolBlocks;

    @Param(StoreWriteBenchmark.BATCH_BYTES)
    public long batchBytes;

    /**
     * {@code true}: each batch's ops are stably sorted by key (the last write to a key stays last, so the
     * batch's effect is unchanged) before they enter the WriteBatch, which lets RocksDB's skip list reuse
     * its insert position from one key to the next; the sort is inside the timing.
     */
    @Param({"false", "true"})
    public boolean sorted;

    private final java.util.ArrayList<Op> pending = new java.util.ArrayList<>();

    private BlockPool pool;
    private Path dir;
    private Options options;
    /** The memtable size of Cattle's RocksDB store by default. */
    public static final long MEMTABLE_BYTES = 64L << 20;

    /** The memtable count of Cattle's RocksDB store by default. */
    public static final int MEMTABLES = 4;

    private WriteOptions writeOptions;
    private RocksDB db;
    private WriteBatch batch;
    private long next;

    @Setup(Level.Trial)
    public void open() throws RocksDBException {
        RocksDB.loadLibrary();
        pool = BlockPool.shared(poolBlocks);
        dir = ScratchStore.newDirectory("rocksdb-raw");
        options = new Options().setCreateIfMissing(true)
                .setWriteBufferSize(MEMTABLE_BYTES)
                .setMaxWriteBufferNumber(MEMTABLES)
                .setMaxBackgroundJobs(Math.max(2, Math.min(8, Runtime.getRuntime().availableProcessors())))
                .setCompressionType(CompressionType.LZ4_COMPRESSION);
        writeOptions = new WriteOptions().setDisableWAL(true);
        db = RocksDB.open(options, dir.toString());
        batch = new WriteBatch();
    }

    @TearDown(Level.Trial)
    public void close() {
        batch.close();
        db.close();
        writeOptions.close();
        options.close();
        ScratchStore.delete(dir);
    }

    @Benchmark
    public void groupCommit(WriteCounters counters) throws RocksDBException {
        long bytes = 0;
        pending.clear();
        while (bytes < batchBytes) {
            List<Op> ops = pool.block(next++).ops();
            for (int i = 0, n = ops.size(); i < n; i++) {
                Op op = ops.get(i);
                pending.add(op);
                bytes += op.byteSize();
            }
        }
        if (sorted) {
            pending.sort((a, b) -> java.util.Arrays.compareUnsigned(a.key(), b.key()));
        }
        for (int i = 0, n = pending.size(); i < n; i++) {
            Op op = pending.get(i);
            if (op.type() == Op.Type.PUT) {
                batch.put(op.key(), op.value());
            } else {
                batch.delete(op.key());
            }
        }
        db.write(writeOptions, batch);
        counters.addBatch(batch.count(), bytes);
        batch.clear();
    }
}
