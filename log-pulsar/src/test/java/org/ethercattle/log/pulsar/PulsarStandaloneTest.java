package org.ethercattle.log.pulsar;

import static org.assertj.core.api.Assertions.assertThat;

import org.ethercattle.tck.broker.PulsarStandalone;
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
        PulsarStandalone.AdminResponse created = createTopic(broker, name);
        assertThat(created.ok()).as("PUT topic: %s", created).isTrue();
        assertThat(broker.admin("GET", "/admin/v2/persistent/public/default", null).body()).contains(name);
        assertThat(broker.admin("GET", "/admin/v2/persistent/public/default/no-such-" + name + "/internalStats", null)
                .ok()).isFalse();
    }

    /**
     * Creates a topic, asking again while the broker answers 5xx: right after another test class killed,
     * restarted or unloaded it, the standalone may still be taking ownership of the namespace bundle.
     */
    private static PulsarStandalone.AdminResponse createTopic(PulsarStandalone broker, String name) {
        PulsarStandalone.AdminResponse response = null;
        for (int attempt = 0; attempt < 30; attempt++) {
            response = broker.admin("PUT", "/admin/v2/persistent/public/default/" + name, null);
            if (response.status() < 500) {
                return response;
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return response;
    }
}
