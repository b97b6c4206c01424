package org.ethercattle.log.pulsar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.ethercattle.api.Logs;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.log.LogEntry;
import org.ethercattle.api.log.LogProducer;
import org.ethercattle.api.log.Position;
import org.ethercattle.api.log.PositionExpiredException;
import org.ethercattle.brokers.PulsarStandalone;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Expiry on a real broker: a topic in a namespace without retention gets ten entries in one ledger, is
 * unloaded (which closes that ledger), gets ten more in a new ledger, and is trimmed, which deletes the
 * first ledger. Then the adapter must report the first ledger's positions as expired, naming the earliest
 * retained entry, and keep working inside the retained range.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PulsarRetentionTest {

    private static final String NAMESPACE = "cattle-no-retention";
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    private String spec;
    private String topicPath;
    private final List<Position> removed = new ArrayList<>();
    private final List<Position> retained = new ArrayList<>();

    @BeforeAll
    void topicWhoseFirstLedgerWasRemoved() throws Exception {
        PulsarStandalone broker = PulsarStandalone.shared();
        PulsarStandalone.AdminResponse created = broker.admin("PUT", "/admin/v2/namespaces/public/" + NAMESPACE, "{}");
        assertThat(created.ok() || created.status() == 409).as("create namespace: " + created).isTrue();
        PulsarStandalone.AdminResponse retention = broker.admin("POST", "/admin/v2/namespaces/public/" + NAMESPACE
                + "/retention", "{\"retentionTimeInMinutes\":0,\"retentionSizeInMB\":0}");
        assertThat(retention.ok()).as("set retention: " + retention).isTrue();

        String topic = "expiry-" + System.currentTimeMillis() + "-" + System.nanoTime();
        spec = PulsarTopics.specNamed(NAMESPACE, topic, "");
        topicPath = "/admin/v2/persistent/public/" + NAMESPACE + "/" + topic;
        removed.addAll(append(0, 10));
        PulsarStandalone.AdminResponse unloaded = broker.admin("PUT", topicPath + "/unload", null);
        assertThat(unloaded.ok()).as("unload: " + unloaded).isTrue();
        retained.addAll(append(10, 10));
        assertThat(retained.get(0).toString()).as("the second batch lands in a new ledger")
                .isNotEqualTo(removed.get(0).toString());
        PulsarStandalone.AdminResponse trimmed = broker.admin("POST", topicPath + "/trim", null);
        assertThat(trimmed.ok()).as("trim: " + trimmed).isTrue();
        awaitStart(retained.get(0));
    }

    private List<Position> append(int from, int count) {
        try (LogProducer producer = Logs.openProducer(spec)) {
            List<CompletableFuture<Position>> futures = new ArrayList<>();
            for (int i = from; i < from + count; i++) {
                futures.add(producer.append(("entry-" + i).getBytes(StandardCharsets.UTF_8)));
            }
            return futures.stream().map(CompletableFuture::join).toList();
        }
    }

    // Trimming finishes asynchronously on the broker; this is a hang guard, not a timing check.
    private void awaitStart(Position expected) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        Optional<Position> start;
        try (LogConsumer consumer = Logs.openConsumer(spec)) {
            while (!(start = consumer.startPosition()).equals(Optional.of(expected))) {
                assertThat(Instant.now()).as("the first ledger was not removed in time; start is " + start + ", stats: "
                        + PulsarStandalone.shared().admin("GET", topicPath + "/internalStats", null).body())
                        .isBefore(deadline);
                Thread.sleep(200);
            }
        }
    }

    private static List<String> texts(List<LogEntry> entries) {
        return entries.stream().map(e -> new String(e.payload(), StandardCharsets.UTF_8)).toList();
    }

    private static List<LogEntry> read(LogConsumer consumer, int count) {
        List<LogEntry> entries = new ArrayList<>();
        Instant deadline = Instant.now().plus(PATIENCE);
        while (entries.size() < count && Instant.now().isBefore(deadline)) {
            entries.addAll(consumer.poll(Duration.ofMillis(200)));
        }
        return entries;
    }

    @Test
    @DisplayName("startPosition is the first entry of the oldest retained ledger; endPosition the newest entry")
    void startAndEndBoundTheRetainedEntries() {
        try (LogConsumer consumer = Logs.openConsumer(spec)) {
            assertThat(consumer.startPosition()).contains(retained.get(0));
            assertThat(consumer.endPosition()).contains(retained.get(9));
        }
    }

    @Test
    @DisplayName("seeking after a position in a removed ledger throws PositionExpiredException naming the earliest retained entry")
    void seekIntoARemovedLedgerThrowsPositionExpired() {
        try (LogConsumer consumer = Logs.openConsumer(spec)) {
            assertThatThrownBy(() -> consumer.seek(removed.get(3)))
                    .isInstanceOfSatisfying(PositionExpiredException.class, e -> {
                        assertThat(e.position()).isEqualTo(removed.get(3));
                        assertThat(e.earliestRetained()).isEqualTo(retained.get(0));
                        assertThat(e.isRetriable()).isFalse();
                        assertThat(e.getMessage()).contains(removed.get(3).toString(), retained.get(0).toString());
                    });
        }
    }

    @Test
    @DisplayName("the last entry of a removed ledger also counts as expired: Pulsar keeps no length of a removed ledger")
    void lastEntryOfARemovedLedgerCountsAsExpired() {
        try (LogConsumer consumer = Logs.openConsumer(spec)) {
            assertThatThrownBy(() -> consumer.seek(removed.get(9))).isInstanceOf(PositionExpiredException.class);
        }
    }

    @Test
    @DisplayName("seeking inside the retained ledger reads what follows, and a new consumer starts at the earliest retained entry")
    void retainedEntriesStayReadable() {
        try (LogConsumer consumer = Logs.openConsumer(spec)) {
            assertThat(texts(read(consumer, 10))).containsExactly("entry-10", "entry-11", "entry-12", "entry-13",
                    "entry-14", "entry-15", "entry-16", "entry-17", "entry-18", "entry-19");
            consumer.seek(retained.get(6));
            assertThat(texts(read(consumer, 3))).containsExactly("entry-17", "entry-18", "entry-19");
            consumer.seekToStart();
            assertThat(read(consumer, 10).get(0).position()).isEqualTo(retained.get(0));
        }
    }
}
