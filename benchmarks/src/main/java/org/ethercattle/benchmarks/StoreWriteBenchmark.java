package org.ethercattle.benchmarks;

import java.util.concurrent.TimeUnit;
import org.ethercattle.api.Batch;
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

/**
 * The ceiling each store sets for replay: a loop of group-commit batches of the geth-shaped ops
 * ({@link BlockPool}) through the {@link org.ethercattle.api.Database} API, one {@link Batch#write()}
 * per {@code batchBytes} of keys and values, exactly as the replayer cuts its batches, but with no log,
 * no decoding, no checkpoint and no head guard. One invocation is one batch write; the {@code ops} and
 * {@code bytes} rates ({@link WriteCounters}) are what the report uses.
 *
 * <p>{@code store} is a spec template ({@link ScratchStore}): any provider on the classpath can be measured.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "--add-opens", "java.base/java.nio=ALL-UNNAMED",
        "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
public class StoreWriteBenchmark {

    /** {@link #batchBytes}' default, 8 MiB: the replayer's default group-commit size. Also the other batch benchmarks'. */
    public static final String BATCH_BYTES = "8388608";

    /** Store spec template; {@code {dir}} becomes a fresh directory per trial. */
    @Param({"rocksdb:{dir}?wal=false", "leveldb:{dir}", "lmdb:{dir}?mapSize=8g", "memory:"})
    public String store;

    /** Blocks generated before timing and cycled through (about 100 KiB and 950 ops each). */
    @Param("400")
    public int poolBlocks;

    /** Key plus value bytes per batch write: the replayer's default group-commit size. */
    @Param(BATCH_BYTES)
    public long batchBytes;

    private BlockPool pool;
    private ScratchStore scratch;
    private Batch batch;
    private long next;

    @Setup(Level.Trial)
    public void open() {
        pool = BlockPool.shared(poolBlocks);
        scratch = ScratchStore.open(store);
        batch = scratch.database().newBatch();
    }

    @TearDown(Level.Trial)
    public void close() {
        batch.close();
        scratch.close();
    }

    @Benchmark
    public void groupCommit(WriteCounters counters) {
        while (batch.valueSize() < batchBytes) {
            BlockPool.queue(pool.block(next++), batch);
        }
        batch.write();
        counters.addBatch(batch.count(), batch.valueSize());
        batch.reset();
    }
}
