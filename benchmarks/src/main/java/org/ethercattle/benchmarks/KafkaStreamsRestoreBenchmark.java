package org.ethercattle.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.apache.kafka.streams.state.KeyValueStore;
import org.ethercattle.api.record.Op;
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
 * The peer: Kafka Streams (defaults, one stream thread) restoring a state store's changelog into its
 * RocksDB store, from the same broker, with the same keys and values that {@link EndToEndReplayBenchmark}
 * replays (the ops of {@code blocks} geth-shaped blocks; a delete is a tombstone). A Kafka Streams
 * changelog holds one record per op, where Cattle's log holds one record per block.
 *
 * <p>Each trial fills {@code <app>-peer-store-changelog}; each invocation starts the application with an
 * empty state directory, so the whole changelog is restored, and ends when the restore listener reports
 * the end. The measured time includes the application's start and group join; {@code activeNanos}
 * ({@link WriteCounters}) holds the restore alone.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
public class KafkaStreamsRestoreBenchmark {

    private static final String STORE = "peer-store";

    /** {@code tuned}: the restore consumer's fetch per partition and round trip, like Cattle's Kafka consumer. */
    public static final int TUNED_FETCH_BYTES = 16 << 20;

    /** {@code tuned}: the records the restore consumer takes per poll. */
    public static final int TUNED_POLL_RECORDS = 10_000;

    /** Where the changelog lives: {@code {kafka}} is the shared broker. */
    @Param("kafka://{kafka}")
    public String log;

    @Param("2000")
    public int blocks;

    /**
     * {@code defaults}: Kafka Streams as shipped. {@code tuned}: its restore consumer fetches as much per
     * round trip as Cattle's Kafka consumer does (16 MiB, {@code restore.consumer.max.partition.fetch.bytes})
     * and hands over up to 10,000 records per poll ({@code restore.consumer.max.poll.records}, default
     * 1000), so each restored batch is larger: the fairest peer we know how to configure.
     */
    @Param({"defaults", "tuned"})
    public String restoreConsumer;

    private String bootstrap;
    private String applicationId;
    private long ops;
    private long bytes;
    private Path stateDir;
    private KafkaStreams streams;
    private CountDownLatch restored;
    private final AtomicLong restoreStart = new AtomicLong();
    private final AtomicLong restoreEnd = new AtomicLong();
    private final AtomicLong restoredRecords = new AtomicLong();

    @Setup(Level.Trial)
    public void fill() throws Exception {
        bootstrap = KafkaSetup.resolve(log).replaceFirst("^kafka://", "");
        applicationId = "bench-peer-" + UUID.randomUUID();
        String input = applicationId + "-input";
        String changelog = applicationId + "-" + STORE + "-changelog";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(input, 1, (short) 1),
                    // Not compacted, unlike a real changelog: the broker's cleaner would otherwise drop overwritten
                    // keys at a moment of its choosing, and the peer would restore fewer records than Cattle replays.
                    new NewTopic(changelog, 1, (short) 1).configs(Map.of("cleanup.policy", "delete",
                            "retention.ms", "-1", "retention.bytes", "-1"))))
                    .all().get(60, TimeUnit.SECONDS);
        }
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        GethWorkload workload = new GethWorkload(BlockPool.SEED);
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < blocks; i++) {
                GethBlock block = workload.nextBlock();
                for (Op op : block.ops()) {
                    producer.send(new ProducerRecord<>(changelog, 0, op.key(), op.value()));
                    ops++;
                    bytes += op.byteSize();
                }
            }
            producer.flush();
        }
    }

    @Setup(Level.Invocation)
    public void prepare() {
        stateDir = ScratchStore.newDirectory("peer-state");
        StreamsBuilder builder = new StreamsBuilder();
        builder.table(applicationId + "-input", Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()),
                Materialized.<byte[], byte[], KeyValueStore<Bytes, byte[]>>as(STORE)
                        .withKeySerde(Serdes.ByteArray()).withValueSerde(Serdes.ByteArray()));
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        if (restoreConsumer.equals("tuned")) {
            p.put(StreamsConfig.restoreConsumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG), TUNED_FETCH_BYTES);
            p.put(StreamsConfig.restoreConsumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), TUNED_POLL_RECORDS);
        } else if (!restoreConsumer.equals("defaults")) {
            throw new IllegalArgumentException("restoreConsumer is 'defaults' or 'tuned', not '" + restoreConsumer + "'");
        }
        streams = new KafkaStreams(builder.build(), p);
        restored = new CountDownLatch(1);
        restoredRecords.set(0);
        streams.setGlobalStateRestoreListener(new StateRestoreListener() {
            @Override
            public void onRestoreStart(TopicPartition partition, String store, long startOffset, long endOffset) {
                restoreStart.set(System.nanoTime());
            }

            @Override
            public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long count) {
                restoredRecords.addAndGet(count);
            }

            @Override
            public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
                restoreEnd.set(System.nanoTime());
                restored.countDown();
            }
        });
    }

    @TearDown(Level.Invocation)
    public void stop() {
        streams.close(Duration.ofSeconds(60));
        streams.cleanUp();
        ScratchStore.delete(stateDir);
    }

    @Benchmark
    public void restore(WriteCounters counters) throws InterruptedException {
        streams.start();
        if (!restored.await(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("Kafka Streams did not finish restoring " + ops + " records within 10"
                    + " minutes (restored " + restoredRecords.get() + ")");
        }
        if (restoredRecords.get() != ops) {
            throw new IllegalStateException("Kafka Streams restored " + restoredRecords.get() + " records, not the "
                    + ops + " in the changelog");
        }
        counters.add(ops, bytes);
        counters.activeNanos += restoreEnd.get() - restoreStart.get();
    }
}
