package org.ethercattle.log.kafka;

import com.google.auto.service.AutoService;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.log.LogProducer;
import org.ethercattle.api.log.LogProvider;
import org.ethercattle.api.spi.Spec;

/**
 * The {@code kafka} log: {@code kafka://host:port[,host:port]/topic?param=value&...}, a Kafka topic
 * with exactly one partition (created when missing unless {@code createTopic=false}), written by an
 * idempotent producer with {@code acks=all} and read from explicit offsets without a consumer group.
 * Parameters: {@link KafkaLogOptions} and {@link KafkaClientSettings}. Thread-safe.
 */
@AutoService(LogProvider.class)
public final class KafkaLogProvider implements LogProvider {

    @Override
    public String scheme() {
        return "kafka";
    }

    @Override
    public int apiVersion() {
        return API_VERSION;
    }

    @Override
    public String description() {
        return "Apache Kafka topic with one partition, idempotent producer, acks=all (cattle-log-kafka, kafka-clients)";
    }

    /** Checks or creates the topic, then opens an idempotent producer; see {@link KafkaLogProducer}. */
    @Override
    public LogProducer openProducer(Spec spec) {
        return KafkaLogProducer.open(KafkaLogOptions.from(spec));
    }

    /** Checks or creates the topic, then opens a consumer at its start; see {@link KafkaLogConsumer}. */
    @Override
    public LogConsumer openConsumer(Spec spec) {
        return KafkaLogConsumer.open(KafkaLogOptions.from(spec));
    }
}
