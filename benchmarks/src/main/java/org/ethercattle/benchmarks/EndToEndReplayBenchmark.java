package org.ethercattle.benchmarks;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.ethercattle.api.Codecs;
import org.ethercattle.api.Logs;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.log.LogProducer;
import org.ethercattle.api.record.ChangeRecord;
import org.ethercattle.api.record.Codec;
import org.ethercattle.core.guard.SeenValueGuard;
import org.ethercattle.core.replay.Replayer;
import org.ethercattle.ethereum.guard.GethHeadKeys;
import org.ethercattle.ethereum.workload.GethBlock;
import org.ethercattle.ethereum.workload.GethWorkload;
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
 * A replica started cold on a pre-filled log: {@code blocks} geth-shaped blocks (seed
 * {@link BlockPool#SEED}, one cattle record each, all distinct keys) are appended once per trial; every
 * invocation opens an empty {@code store}, builds a {@link Replayer} and {@link Replayer#catchUp()}s to
 * the log's end. Opening and closing the store are outside the timing; the log read, decoding and
 * writing are inside.
 *
 * <p>The fork runs with a 256 MiB heap: a run that completes shows the replica's heap stays below it for
 * a log of any length (the log here is several times larger than the heap).
 *
 * <p>{@code log} is a spec template: {@code {dir}} becomes a fresh directory and {@code {uuid}} a fresh
 * name per trial; {@code {kafka}} starts a real broker ({@link KafkaSetup}) and becomes its address.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx" + EndToEndReplayBenchmark.HEAP_MIB + "m", "--add-opens", "java.base/java.nio=ALL-UNNAMED",
        "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED"})
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
public class EndToEndReplayBenchmark {

    /** The fork's heap in MiB: a completed run shows a replica catching up stays within it. */
    public static final int HEAP_MIB = 256;

    /** Log spec template: {@code {dir}} a fresh directory, {@code {uuid}} a fresh name, {@code {kafka}} the broker. */
    @Param({"file:{dir}", "kafka://{kafka}/bench-{uuid}?maxMessageBytes=1m"})
    public String log;

    @Param({"rocksdb:{dir}?wal=false", "leveldb:{dir}", "lmdb:{dir}?mapSize=8g"})
    public String store;

    /**
     * {@link Replayer.Builder#readAheadBytes}: {@code 0} (the replayer's default) polls the log on the
     * replay thread, between decoding and store writes; a size polls it on a background thread with up to
     * that many bytes waiting.
     */
    @Param("0")
    public long readAheadBytes;

    /**
     * {@link Replayer.Builder#catchUpReadAheadBytes}: read-ahead started only once the catch-up has put the
     * store into bulk-load mode (the replayer's default, 32 MiB), when {@code readAheadBytes} is 0; {@code 0}
     * turns it off.
     */
    @Param("33554432")
    public long catchUpReadAheadBytes;

    /** Blocks in the pre-filled log (about 950 ops and 100 KiB each). */
    @Param("2000")
    public int blocks;

    private Path logDir;
    private String logSpec;
    private ScratchStore scratch;
    private LogConsumer consumer;
    private Replayer replayer;

    @Setup(Level.Trial)
    public void fill() {
        logDir = ScratchStore.newDirectory("e2e-log");
        logSpec = KafkaSetup.resolve(ScratchStore.resolve(log, logDir.resolve("log"))
                .replace("{uuid}", UUID.randomUUID().toString()));
        Codec codec = Codecs.get("cattle");
        UUID producerId = UUID.randomUUID();
        GethWorkload workload = new GethWorkload(BlockPool.SEED);
        try (LogProducer producer = Logs.openProducer(logSpec)) {
            for (int i = 0; i < blocks; i++) {
                GethBlock block = workload.nextBlock();
                List<byte[]> messages = codec.encode(
                        ChangeRecord.batch(producerId, i, System.currentTimeMillis(), block.ops()),
                        producer.maxMessageBytes());
                for (byte[] m : messages) {
                    producer.append(m);
                }
            }
            producer.flush();
        }
    }

    @TearDown(Level.Trial)
    public void dropLog() {
        ScratchStore.delete(logDir);
    }

    @Setup(Level.Invocation)
    public void openReplica() {
        scratch = ScratchStore.open(store);
        consumer = Logs.openConsumer(logSpec);
    }

    @TearDown(Level.Invocation)
    public void closeReplica() {
        replayer.close();
        consumer.close();
        scratch.close();
    }

    @Benchmark
    public void coldCatchUp(WriteCounters counters) {
        replayer = Replayer.builder(scratch.database(), consumer).readAheadBytes(readAheadBytes)
                .catchUpReadAheadBytes(catchUpReadAheadBytes).headGuard(new SeenValueGuard(GethHeadKeys.DEFAULT))
                .build();
        replayer.catchUp();
        counters.add(replayer.stats().opsApplied(), replayer.stats().bytesApplied());
    }
}
