package org.ethercattle.log.nats;

import com.google.auto.service.AutoService;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.log.LogProducer;
import org.ethercattle.api.log.LogProvider;
import org.ethercattle.api.spi.Spec;

/**
 * Opens producers and consumers of NATS JetStream streams from
 * {@code nats://host:port[,host:port]/<stream>?<parameters>} specs. The stream holds one subject,
 * {@code cattle.<stream>} unless the spec gives {@code subject=}; it is created when missing (file
 * storage, a deduplication window) unless {@code createStream=false}. Parameters, guarantees and
 * security settings are listed in {@code log-nats/README.md}. Each producer and consumer has its own
 * connection.
 */
@AutoService(LogProvider.class)
public final class NatsLogProvider implements LogProvider {

    @Override
    public String scheme() {
        return "nats";
    }

    @Override
    public int apiVersion() {
        return API_VERSION;
    }

    @Override
    public String description() {
        return "NATS JetStream stream, one subject, deduplicated appends (jnats)";
    }

    @Override
    public LogProducer openProducer(Spec spec) {
        return new NatsLogProducer(NatsLogOptions.parse(spec));
    }

    @Override
    public LogConsumer openConsumer(Spec spec) {
        return new NatsLogConsumer(NatsLogOptions.parse(spec));
    }
}
