package org.ethercattle.benchmarks;

import java.util.concurrent.TimeUnit;
import org.ethercattle.api.Codecs;
import org.ethercattle.api.record.Codec;
import org.ethercattle.core.guard.SeenValueGuard;
import org.ethercattle.core.replay.ReplayStats;
import org.ethercattle.core.replay.Replayer;
import org.ethercattle.ethereum.guard.GethHeadKeys;
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
 * The replica's side of replay with the log taken out: an {@link EndlessLog} that always has entries
 * ready, through a {@link Replayer} (sequence check, head guard, group commit with checkpoint) into a
 * store. The ops are those of {@link StoreWriteBenchmark}, so the ratio of the two is the replayer's
 * overhead over the store's own ceiling.
 *
 * <p>{@code input}: {@code predecoded} hands the replayer records already in memory (the apply path
 * alone); {@code cattle} hands it cattle/1 messages, so decoding (CRC32C, parsing, copying keys and
 * values out) is included. One invocation is one {@link Replayer#step()}: one group commit.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "--add-opens", "java.base/java.nio=ALL-UNNAMED",
        "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
public class ReplayApplyBenchmark {

    @Param({"rocksdb:{dir}?wal=false", "leveldb:{dir}", "lmdb:{dir}?mapSize=8g", "memory:"})
    public String store;

    @Param({"predecoded", "cattle"})
    public String input;

    @Param("400")
    public int poolBlocks;

    @Param(StoreWriteBenchmark.BATCH_BYTES)
    public long batchBytes;

    private ScratchStore scratch;
    private Replayer replayer;

    @Setup(Level.Trial)
    public void open() {
        BlockPool pool = BlockPool.shared(poolBlocks);
        EndlessLog log;
        Codec codec;
        if (input.equals("predecoded")) {
            byte[] empty = new byte[0];
            log = new EndlessLog("bench-apply", i -> empty, 16);
            codec = new PreDecodedCodec(pool);
        } else if (input.equals("cattle")) {
            CattleMessages messages = new CattleMessages(pool);
            log = new EndlessLog("bench-apply", messages::entry, 16);
            codec = Codecs.get("cattle");
        } else {
            throw new IllegalArgumentException("input " + input + " is neither predecoded nor cattle");
        }
        scratch = ScratchStore.open(store);
        // No read-ahead: the log is already in memory, and this measures the apply path alone.
        replayer = Replayer.builder(scratch.database(), log).codec(codec).maxBatchBytes(batchBytes).readAheadBytes(0)
                .headGuard(new SeenValueGuard(GethHeadKeys.DEFAULT)).build();
    }

    @TearDown(Level.Trial)
    public void close() {
        replayer.close();
        scratch.close();
    }

    @Benchmark
    public void step(WriteCounters counters) {
        ReplayStats before = replayer.stats();
        replayer.step();
        ReplayStats after = replayer.stats();
        counters.addBatch(after.opsApplied() - before.opsApplied(), after.bytesApplied() - before.bytesApplied());
    }
}
