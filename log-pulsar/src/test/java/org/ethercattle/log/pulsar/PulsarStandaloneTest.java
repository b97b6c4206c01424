package org.ethercattle.log.pulsar;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.ethercattle.brokers.PulsarStandalone;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The test launcher itself (its kill and restart are exercised by {@link PulsarBrokerKillTest}). */
class PulsarStandaloneTest {

    @Test
    @DisplayName("the shared standalone runs on loopback, answers its admin API and creates topics")
    void sharedBrokerAnswersAndCreatesTopics() {
        PulsarStandalone broker = PulsarStandalone.shared();
        assertThat(broker.isRunning()).isTrue();
        assertThat(broker.serviceUrl()).startsWith("pulsar://127.0.0.1:");
        assertThat(PulsarStandalone.shared()).isSameAs(broker);
        String name = "launcher-" + System.nanoTime();
        List<PulsarStandalone.AdminResponse> answers = createTopic(broker, name);
        PulsarStandalone.AdminResponse last = answers.get(answers.size() - 1);
        // A PUT answered 5xx may still have created the topic: then the retry is told it exists (409).
        boolean createdEarlier = last.status() == 409 && answers.stream().anyMatch(a -> a.status() >= 500);
        assertThat(last.ok() || createdEarlier).as("PUT topic, answers: %s", answers).isTrue();
        assertThat(broker.admin("GET", "/admin/v2/persistent/public/default", null).body()).contains(name);
        assertThat(broker.admin("GET", "/admin/v2/persistent/public/default/no-such-" + name + "/internalStats", null)
                .ok()).isFalse();
    }

    /**
     * Creates a topic, asking again while the broker answers 5xx (every answer is returned, in order): right after another test class killed,
     * restarted or unloaded it, the standalone may still be taking ownership of the namespace bundle.
     */
    private static List<PulsarStandalone.AdminResponse> createTopic(PulsarStandalone broker, String name) {
        List<PulsarStandalone.AdminResponse> answers = new ArrayList<>();
        for (int attempt = 0; attempt < 30; attempt++) {
            PulsarStandalone.AdminResponse response = broker.admin("PUT", "/admin/v2/persistent/public/default/" + name,
                    null);
            answers.add(response);
            if (response.status() < 500) {
                return answers;
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return answers;
    }
}
