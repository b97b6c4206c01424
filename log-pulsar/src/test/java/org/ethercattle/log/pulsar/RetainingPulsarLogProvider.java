package org.ethercattle.log.pulsar;

import com.google.auto.service.AutoService;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.log.LogProducer;
import org.ethercattle.api.log.LogProvider;
import org.ethercattle.api.log.Position;
import org.ethercattle.api.spi.Spec;
import org.ethercattle.brokers.PulsarStandalone;

/**
 * Test-only scheme {@code pulsar-retaining://host:port/persistent/public/<ns>/<topic>?retainEntries=N&...}:
 * the real Pulsar log on the shared standalone, in a namespace without time or size retention, where the
 * broker itself removes the old ledgers. Pulsar deletes only whole ledgers that every durable
 * subscription has acknowledged, so the producer, after each acknowledged append and before completing
 * its future, drives exactly that through the admin API:
 *
 * <ol>
 *   <li>moves the durable subscription {@value #SUBSCRIPTION} (created with the topic) to the entry
 *       {@code N} before the newest, so the ledgers wholly before it are acknowledged and deletable;</li>
 *   <li>trims the topic, which deletes those ledgers (the request returns once the ledger list is
 *       updated);</li>
 *   <li>every {@code N} entries, unloads the topic, which closes the current ledger, so the next entries
 *       land in a new one.</li>
 * </ol>
 *
 * Broker-side retention by time or size is coarse (minutes, megabytes) and runs on a timer; the
 * subscription stands in for "the consumer that still needs the newest N", which is what Pulsar's
 * deletion honours. The consumer side (the part under test) sees just what retention leaves: a removed
 * ledger, an earliest retained message after it.
 */
@AutoService(LogProvider.class)
public final class RetainingPulsarLogProvider implements LogProvider {

    static final String SUBSCRIPTION = "cattle-retention";

    private final PulsarLogProvider pulsar = new PulsarLogProvider();

    @Override
    public String scheme() {
        return "pulsar-retaining";
    }

    @Override
    public int apiVersion() {
        return API_VERSION;
    }

    @Override
    public String description() {
        return "test only: a Pulsar log whose broker keeps the newest retainEntries entries (ledgers rolled,"
                + " acknowledged and trimmed after each append)";
    }

    @Override
    public LogProducer openProducer(Spec spec) {
        int retain = (int) spec.longParam("retainEntries", 0);
        String topicPath = "/admin/v2/" + spec.path();
        PulsarStandalone broker = PulsarStandalone.shared();
        expectOk(broker.admin("PUT", topicPath, null), "create topic", 409);
        expectOk(broker.admin("PUT", topicPath + "/subscription/" + SUBSCRIPTION, null), "create subscription", 409);
        return new Retaining(pulsar.openProducer(pulsarSpec(spec)), broker, topicPath, retain);
    }

    @Override
    public LogConsumer openConsumer(Spec spec) {
        return pulsar.openConsumer(pulsarSpec(spec));
    }

    /** Makes {@code namespace} (in {@code public}) keep nothing that no subscription needs. */
    static void namespaceWithoutRetention(String namespace) {
        PulsarStandalone broker = PulsarStandalone.shared();
        expectOk(broker.admin("PUT", "/admin/v2/namespaces/public/" + namespace, "{}"), "create namespace", 409);
        expectOk(broker.admin("POST", "/admin/v2/namespaces/public/" + namespace + "/retention",
                "{\"retentionTimeInMinutes\":0,\"retentionSizeInMB\":0}"), "set retention", -1);
    }

    private static void expectOk(PulsarStandalone.AdminResponse response, String what, int alsoFine) {
        if (!response.ok() && response.status() != alsoFine) {
            throw new IllegalStateException(what + ": " + response);
        }
    }

    private static Spec pulsarSpec(Spec spec) {
        StringBuilder text = new StringBuilder("pulsar://").append(spec.authority()).append('/').append(spec.path());
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

    private static final class Retaining implements LogProducer {

        private final LogProducer log;
        private final PulsarStandalone broker;
        private final String topicPath;
        private final int retain;
        // Admin calls block; keep them off the Pulsar client's threads, which complete the appends.
        private final ExecutorService admin = Executors.newSingleThreadExecutor();
        private final List<PulsarPosition> appended = new ArrayList<>();

        Retaining(LogProducer log, PulsarStandalone broker, String topicPath, int retain) {
            this.log = log;
            this.broker = broker;
            this.topicPath = topicPath;
            this.retain = retain;
        }

        @Override
        public CompletableFuture<Position> append(byte[] message) {
            return log.append(message).thenApplyAsync(position -> {
                retainNewest((PulsarPosition) position);
                return position;
            }, admin);
        }

        private void retainNewest(PulsarPosition position) {
            appended.add(position);
            int count = appended.size();
            if (count > retain) {
                PulsarPosition keepFrom = appended.get(count - retain);
                expectOk(broker.admin("POST", topicPath + "/subscription/" + SUBSCRIPTION + "/resetcursor",
                        "{\"ledgerId\":" + keepFrom.ledgerId() + ",\"entryId\":" + keepFrom.entryId()
                                + ",\"partitionIndex\":-1}"), "move " + SUBSCRIPTION + " to " + keepFrom, -1);
                expectOk(broker.admin("POST", topicPath + "/trim", null), "trim", -1);
            }
            if (count % retain == 0) {
                expectOk(broker.admin("PUT", topicPath + "/unload", null), "unload", -1);
            }
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
                admin.shutdown();
            }
        }
    }
}
