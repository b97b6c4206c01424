package org.ethercattle.log.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.ethercattle.api.Logs;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.log.LogEntry;
import org.ethercattle.api.log.LogException;
import org.ethercattle.api.log.LogProducer;
import org.ethercattle.brokers.KafkaBroker;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** SASL/SCRAM through the spec, against the test broker's SASL_PLAINTEXT listener. */
class KafkaScramTest {

    private static String scramSpec(String topic, String password, String mechanism) {
        KafkaBroker broker = KafkaBroker.shared();
        return "kafka://" + broker.scramBootstrapServers() + "/" + topic + "?username=" + broker.scramUser()
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&saslMechanism=" + mechanism
                + "&requestTimeout=10s";
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"SCRAM-SHA-256", "SCRAM-SHA-512"})
    @DisplayName("a spec with username and password appends and reads over SCRAM")
    void scramUserAppendsAndReads(String mechanism) {
        String spec = scramSpec(TestTopics.fresh(), KafkaBroker.shared().scramPassword(), mechanism);
        try (LogProducer producer = Logs.openProducer(spec); LogConsumer consumer = Logs.openConsumer(spec)) {
            producer.append("over scram".getBytes()).join();
            List<LogEntry> entries = new ArrayList<>();
            Instant deadline = Instant.now().plusSeconds(60);
            while (entries.isEmpty() && Instant.now().isBefore(deadline)) {
                entries.addAll(consumer.poll(Duration.ofMillis(100)));
            }
            assertThat(entries).extracting(e -> new String(e.payload())).containsExactly("over scram");
        }
    }

    @Test
    @DisplayName("a wrong password fails at open with a fatal LogException that names the cause, never the password")
    void wrongPasswordFailsClearly() {
        String wrong = "wrong-" + KafkaBroker.shared().scramPassword();
        String spec = scramSpec(TestTopics.fresh(), wrong, "SCRAM-SHA-256");
        assertThatThrownBy(() -> Logs.openProducer(spec))
                .isInstanceOfSatisfying(LogException.class, e -> {
                    assertThat(e.isRetriable()).isFalse();
                    assertThat(e.getMessage()).contains("Authentication failed").contains("password")
                            .doesNotContain(wrong);
                    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                        assertThat(String.valueOf(cause.getMessage())).doesNotContain(wrong);
                    }
                });
    }
}
