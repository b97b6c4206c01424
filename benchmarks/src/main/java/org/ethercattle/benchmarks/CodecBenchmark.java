package org.ethercattle.benchmarks;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.ethercattle.api.Codecs;
import org.ethercattle.api.log.LogEntry;
import org.ethercattle.api.record.ChangeRecord;
import org.ethercattle.api.record.Codec;
import org.ethercattle.api.record.RecordDecoder;
import org.ethercattle.core.memory.MemoryPosition;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Encode and decode rates of a wire format ({@code codec}: any name {@link Codecs} knows, e.g.
 * {@code cattle} or {@code ethercattle}) on the geth-shaped blocks, one block per invocation. Encoding
 * makes the messages a master appends (1 MiB message limit); decoding turns those messages back into
 * records with a decoder that lives for the whole trial, as a replica's does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
public class CodecBenchmark {

    /** The message size limit blocks are encoded for (a Kafka-sized 1 MiB). */
    public static final int MAX_MESSAGE_BYTES = CattleMessages.MAX_MESSAGE_BYTES;

    @Param("cattle")
    public String codec;

    @Param("400")
    public int poolBlocks;

    private BlockPool pool;
    private Codec format;
    private UUID producer;
    private List<List<byte[]>> messages;
    private RecordDecoder decoder;
    private long nextEncode;
    private long nextDecode;
    private long entry;

    @Setup(Level.Trial)
    public void open() {
        pool = BlockPool.shared(poolBlocks);
        format = Codecs.get(codec);
        producer = UUID.randomUUID();
        messages = pool.encode(format, producer, CattleMessages.MAX_MESSAGE_BYTES);
        decoder = format.newDecoder(null, 256L << 20);
    }

    @Benchmark
    public void encode(WriteCounters counters, Blackhole sink) {
        GethBlock block = pool.block(nextEncode);
        ChangeRecord record = ChangeRecord.batch(producer, nextEncode++, 1_700_000_000_000L, block.ops());
        sink.consume(format.encode(record, CattleMessages.MAX_MESSAGE_BYTES));
        counters.add(block.ops().size(), block.byteSize());
    }

    @Benchmark
    public void decode(WriteCounters counters, Blackhole sink) {
        int i = (int) (nextDecode++ % messages.size());
        long ops = 0;
        long bytes = 0;
        for (byte[] message : messages.get(i)) {
            for (ChangeRecord record : decoder.decode(new LogEntry(new MemoryPosition("codec", entry++), message, -1))) {
                ops += record.ops().size();
                bytes += record.byteSize();
                sink.consume(record);
            }
        }
        counters.add(ops, bytes);
    }
}
