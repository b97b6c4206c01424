package org.ethercattle.log.pulsar;

import com.google.auto.service.AutoService;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.log.LogProducer;
import org.ethercattle.api.log.LogProvider;
import org.ethercattle.api.spi.Spec;

/**
 * The {@code pulsar} log: {@code pulsar://host:port/persistent/tenant/namespace/topic?param=value&...}, one
 * persistent, non-partitioned Pulsar topic (parameters: {@link PulsarLogOptions}). Producers are plain
 * Pulsar producers without batching; consumers are subscription-less readers; positions are message ids
 * ({@link PulsarPosition}). Thread-safe.
 */
@AutoService(LogProvider.class)
public final class PulsarLogProvider implements LogProvider {

    @Override
    public String scheme() {
        return "pulsar";
    }

    @Override
    public int apiVersion() {
        return API_VERSION;
    }

    @Override
    public String description() {
        return "Apache Pulsar persistent topic, subscription-less reader (cattle-log-pulsar, pulsar-client)";
    }

    /** Opens a producer; the topic is created when the namespace allows auto-creation. */
    @Override
    public LogProducer openProducer(Spec spec) {
        return PulsarLogProducer.open(PulsarLogOptions.from(spec));
    }

    /** Opens a consumer at the topic's earliest retained message. */
    @Override
    public LogConsumer openConsumer(Spec spec) {
        return PulsarLogConsumer.open(PulsarLogOptions.from(spec));
    }
}
