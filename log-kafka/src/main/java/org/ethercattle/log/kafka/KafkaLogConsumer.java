package org.ethercattle.log.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.log.LogEntry;
import org.ethercattle.api.log.LogException;
import org.ethercattle.api.log.Position;
import org.ethercattle.api.log.PositionExpiredException;

/**
 * Reads a Kafka topic's single partition from an explicit offset.
 *
 * <ul>
 *   <li><b>No consumer group.</b> The partition is {@code assign()}ed and nothing is committed to
 *       Kafka: a replica's checkpoint lives in its own store, atomically with its data.</li>
 *   <li><b>Expiry.</b> {@code auto.offset.reset=none}: when retention has removed the entry after a
 *       seeked position, {@link #seek} (checked at once) or a later {@link #poll} (Kafka's
 *       {@link OffsetOutOfRangeException}) throws {@link PositionExpiredException} naming the earliest
 *       retained offset, instead of silently skipping.</li>
 *   <li><b>Stream id.</b> The topic name: a replica's checkpoint is per topic, and the same topic
 *       reached through other broker addresses is the same stream.</li>
 *   <li><b>Fetches.</b> Up to 16 MiB per fetch ({@code max.partition.fetch.bytes}; Kafka's default is
 *       1 MiB), so catching up is not paced by round trips; {@code kafka.max.partition.fetch.bytes=...}
 *       in the spec overrides it.</li>
 *   <li><b>Times.</b> {@link LogEntry#timeMillis()} is the record's timestamp (the producer's CreateTime
 *       on topics Cattle creates).</li>
 *   <li><b>Offsets.</b> Offsets are dense on a topic written without transactions or compaction, as
 *       Cattle's topics are, so {@link #entriesBetween} is a subtraction.</li>
 *   <li><b>Threads.</b> One thread polls and seeks; {@link #endPosition()}, {@link #startPosition()},
 *       {@link #entriesBetween} and {@link #positionAt} go through a separate admin connection and may be
 *       called from any thread.</li>
 * </ul>
 */
final class KafkaLogConsumer implements LogConsumer {

    /** Bytes one fetch brings back from the partition, unless the spec says otherwise. */
    static final int FETCH_BYTES = 16 << 20;

    private final KafkaLogOptions options;
    private final TopicPartition partition;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Admin admin;
    /** The position the reader resumes after, for the expiry message; null when reading from the start. */
    private Position resumedAfter;
    private volatile boolean closed;

    private KafkaLogConsumer(KafkaLogOptions options, KafkaConsumer<byte[], byte[]> consumer, Admin admin) {
        this.options = options;
        this.partition = new TopicPartition(options.topic(), 0);
        this.consumer = consumer;
        this.admin = admin;
    }

    /** Checks (or creates) the topic, then assigns its partition from the start. */
    static KafkaLogConsumer open(KafkaLogOptions options) {
        Admin admin = KafkaTopic.admin(options);
        try {
            KafkaTopic.ensure(admin, options);
            Map<String, Object> props = options.client().toMap();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            props.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) options.requestTimeout().toMillis());
            props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) options.requestTimeout().toMillis());
            props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "cattle-consumer-" + options.topic());
            // Kafka's 1 MiB default holds a few geth blocks per round trip, which kept a catching-up replica
            // waiting on fetches well below RocksDB's rate (docs/benchmarks.md, optimisation 3); a spec's
            // kafka.max.partition.fetch.bytes still wins.
            props.putIfAbsent(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, FETCH_BYTES);
            props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
            props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
            KafkaLogConsumer opened = new KafkaLogConsumer(options, new KafkaConsumer<>(props), admin);
            opened.consumer.assign(List.of(opened.partition));
            opened.consumer.seekToBeginning(List.of(opened.partition));
            return opened;
        } catch (RuntimeException e) {
            admin.close(Duration.ZERO);
            throw e instanceof LogException ? e
                    : KafkaErrors.translate("opening a consumer of " + options.logName(), options.bootstrapServers(), e);
        }
    }

    @Override
    public String streamId() {
        return options.topic();
    }

    @Override
    public void seek(Position position) {
        checkOpen();
        KafkaPosition after = own(position);
        long earliest = offset(OffsetSpec.earliest());
        if (after.offset() + 1 < earliest) {
            throw new PositionExpiredException(after, earliestRetained(earliest));
        }
        consumer.seek(partition, after.offset() + 1);
        resumedAfter = after;
    }

    @Override
    public void seekToStart() {
        checkOpen();
        consumer.seekToBeginning(List.of(partition));
        resumedAfter = null;
    }

    @Override
    public List<LogEntry> poll(Duration timeout) {
        checkOpen();
        ConsumerRecords<byte[], byte[]> records;
        try {
            records = consumer.poll(timeout);
        } catch (OffsetOutOfRangeException e) {
            throw outOfRange(e);
        } catch (RuntimeException e) {
            throw KafkaErrors.translate("reading " + options.logName(), options.bootstrapServers(), e);
        }
        if (records.isEmpty()) {
            return List.of();
        }
        List<LogEntry> entries = new ArrayList<>(records.count());
        for (ConsumerRecord<byte[], byte[]> record : records) {
            byte[] value = record.value();
            entries.add(new LogEntry(new KafkaPosition(options.topic(), record.offset()),
                    value == null ? new byte[0] : value, record.timestamp()));
        }
        resumedAfter = entries.get(entries.size() - 1).position();
        return entries;
    }

    /** The broker no longer has the offset the consumer fetches: expired, or a topic recreated under us. */
    private LogException outOfRange(OffsetOutOfRangeException e) {
        Long wanted = e.offsetOutOfRangePartitions().get(partition);
        long earliest = offset(OffsetSpec.earliest());
        if (wanted != null && wanted < earliest) {
            Position after = resumedAfter != null ? resumedAfter
                    : new KafkaPosition(options.topic(), Math.max(0, wanted - 1));
            return new PositionExpiredException(after, earliestRetained(earliest));
        }
        return LogException.fatal("offset " + wanted + " of " + options.logName() + " is beyond the log's end ("
                + offset(OffsetSpec.latest()) + "); was the topic deleted and recreated? Start the replica from a"
                + " snapshot of this topic", e);
    }

    private Position earliestRetained(long earliest) {
        long end = offset(OffsetSpec.latest());
        return earliest < end ? new KafkaPosition(options.topic(), earliest) : null;
    }

    @Override
    public Optional<Position> endPosition() {
        checkOpen();
        long end = offset(OffsetSpec.latest());
        long start = offset(OffsetSpec.earliest());
        return end > start ? Optional.of(new KafkaPosition(options.topic(), end - 1)) : Optional.empty();
    }

    @Override
    public Optional<Position> startPosition() {
        checkOpen();
        long start = offset(OffsetSpec.earliest());
        long end = offset(OffsetSpec.latest());
        return end > start ? Optional.of(new KafkaPosition(options.topic(), start)) : Optional.empty();
    }

    /** The partition's earliest offset: offsets start at 0, so it counts the entries retention deleted. */
    @Override
    public OptionalLong expiredEntries() {
        checkOpen();
        return OptionalLong.of(offset(OffsetSpec.earliest()));
    }

    @Override
    public Position positionFromBytes(byte[] bytes) {
        return KafkaPosition.fromBytes(options.topic(), bytes);
    }

    @Override
    public OptionalLong entriesBetween(Position from, Position to) {
        return OptionalLong.of(Math.max(0, own(to).offset() - own(from).offset()));
    }

    @Override
    public Optional<Position> positionAt(long offset) {
        return Optional.of(new KafkaPosition(options.topic(), offset));
    }

    private long offset(OffsetSpec which) {
        ListOffsetsResultInfo info = KafkaTopic.await(admin.listOffsets(Map.of(partition, which)).partitionResult(partition),
                options, "listing the offsets of topic");
        return info.offset();
    }

    private KafkaPosition own(Position position) {
        if (!(position instanceof KafkaPosition kafka) || !kafka.topic().equals(options.topic())) {
            throw new IllegalArgumentException("position " + position + " does not belong to " + options.logName());
        }
        return kafka;
    }

    private void checkOpen() {
        if (closed) {
            throw LogException.fatal("the consumer of " + options.logName() + " is closed; open a new one");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        } finally {
            admin.close(Duration.ofSeconds(5));
        }
    }

    @Override
    public String toString() {
        return "KafkaLogConsumer{" + options.logName() + " at " + options.bootstrapServers() + "}";
    }
}
