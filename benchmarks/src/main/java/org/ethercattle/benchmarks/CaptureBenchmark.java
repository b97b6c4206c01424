package org.ethercattle.benchmarks;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.ethercattle.api.Codecs;
import org.ethercattle.api.Database;
import org.ethercattle.api.Logs;
import org.ethercattle.core.capture.CapturingDatabase;
import org.ethercattle.ethereum.workload.GethBlock;
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
 * What change-data capture costs a master: one geth-shaped block written as one batch per invocation
 * (as geth commits a block), into the bare {@code store} ({@code log=none}) or into a
 * {@link CapturingDatabase} over it that encodes the batch and appends it to {@code log} before the
 * local write. The report's overhead is 1 - captured / bare for the same store.
 *
 * <p>{@code log} is a spec template ({@code {dir}}: a fresh directory). The memory log keeps only the
 * newest entries, so the benchmark's memory stays flat; the file log deletes old segments past 512 MiB.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "--add-opens", "java.base/java.nio=ALL-UNNAMED",
        "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
public class CaptureBenchmark {

    /** The master's store; it keeps its own WAL (a master's writes exist nowhere else before capture). */
    @Param({"rocksdb:{dir}", "memory:"})
    public String store;

    @Param({"none", "memory:capture?retainEntries=256&maxMessageBytes=1m",
            "file:{dir}?segmentBytes=64m&retentionBytes=512m&maxMessageBytes=1m"})
    public String log;

    @Param("400")
    public int poolBlocks;

    private BlockPool pool;
    private ScratchStore scratch;
    private Path logDir;
    private Database master;
    private long next;

    @Setup(Level.Trial)
    public void open() {
        pool = BlockPool.shared(poolBlocks);
        scratch = ScratchStore.open(store);
        if (log.equals("none")) {
            master = scratch.database();
        } else {
            String spec = log;
            if (spec.contains(ScratchStore.DIR)) {
                logDir = ScratchStore.newDirectory("log");
                spec = ScratchStore.resolve(spec, logDir.resolve("log"));
            } else if (spec.startsWith("memory:")) {
                spec = spec.replace("memory:capture", "memory:capture-" + System.nanoTime());
            }
            master = new CapturingDatabase(scratch.database(), Logs.openProducer(spec), Codecs.get("cattle"));
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        if (master != scratch.database()) {
            master.close();
        }
        scratch.close();
        ScratchStore.delete(logDir);
    }

    @Benchmark
    public void writeBlock(WriteCounters counters) {
        GethBlock block = pool.block(next++);
        block.writeTo(master);
        counters.add(block.ops().size(), block.byteSize());
    }
}
