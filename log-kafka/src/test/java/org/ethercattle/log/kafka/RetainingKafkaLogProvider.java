package org.ethercattle.log.kafka;

import com.google.auto.service.AutoService;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.log.LogProducer;
import org.ethercattle.api.log.LogProvider;
import org.ethercattle.api.log.Position;
import org.ethercattle.api.spi.Spec;

/**
 * Test-only scheme {@code kafka-retaining://host:port/topic?retainEntries=N&...}: the real Kafka log,
 * whose producer, after each acknowledged append, deletes every record but the newest {@code N} with
 * the admin client's {@code deleteRecords}, before completing the append's future.
 *
 * <p>Kafka's own retention runs asynchronously in the log cleaner and drops whole segments, so it cannot
 * give the log TCK a stream that has expired entries on demand; {@code deleteRecords} moves the log start
 * offset exactly as retention does, which is all the consumer side (the part under test) sees.
 */
@AutoService(LogProvider.class)
public final class RetainingKafkaLogProvider implements LogProvider {

    private final KafkaLogProvider kafka = new KafkaLogProvider();

    @Override
    public String scheme() {
        return "kafka-retaining";
    }

    @Override
    public int apiVersion() {
        return API_VERSION;
    }

    @Override
    public String description() {
        return "test only: a Kafka log that keeps the newest retainEntries records (deleteRecords after each append)";
    }

    @Override
    public LogProducer openProducer(Spec spec) {
        int retain = (int) spec.longParam("retainEntries", 0);
        Spec real = kafkaSpec(spec);
        KafkaLogOptions options = KafkaLogOptions.from(real);
        return new Retaining(kafka.openProducer(real), KafkaTopic.admin(options), options.topic(), retain);
    }

    @Override
    public LogConsumer openConsumer(Spec spec) {
        return kafka.openConsumer(kafkaSpec(spec));
    }

    private static Spec kafkaSpec(Spec spec) {
        StringBuilder text = new StringBuilder("kafka://").append(spec.authority()).append('/').append(spec.path());
        char separator = '?';
        for (Map.Entry<String, String> e : spec.params().entrySet()) {
            if (!e.getKey().equals("retainEntries")) {
                text.append(separator).append(e.getKey()).append('=')
                        .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
                separator = '&';
            }
        }
        return Spec.parse(text.toString());
    }

    private record Retaining(LogProducer log, Admin admin, String topic, int retain) implements LogProducer {

        @Override
        public CompletableFuture<Position> append(byte[] message) {
            return log.append(message).thenApply(position -> {
                long keepFrom = ((KafkaPosition) position).offset() + 1 - retain;
                if (keepFrom > 0) {
                    try {
                        admin.deleteRecords(Map.of(new TopicPartition(topic, 0), RecordsToDelete.beforeOffset(keepFrom)))
                                .all().get();
                    } catch (Exception e) {
                        throw new IllegalStateException("deleteRecords before " + keepFrom + " of " + topic, e);
                    }
                }
                return position;
            });
        }

        @Override
        public int maxMessageBytes() {
            return log.maxMessageBytes();
        }

        @Override
        public void flush() {
            log.flush();
        }

        @Override
        public void close() {
            try {
                log.close();
            } finally {
                admin.close();
            }
        }
    }
}
