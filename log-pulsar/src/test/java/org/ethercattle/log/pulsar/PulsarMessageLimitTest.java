package org.ethercattle.log.pulsar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ethercattle.api.Logs;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.log.LogEntry;
import org.ethercattle.api.log.LogException;
import org.ethercattle.api.log.LogProducer;
import org.ethercattle.api.log.Position;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default message limit against the broker's real one (the TCK runs with a 64 KiB limit). */
class PulsarMessageLimitTest {

    @TempDir
    Path directory;

    @Test
    @DisplayName("without maxMessageBytes the limit is the broker's 5 MiB less 1 KiB of metadata room: a message of exactly that size travels, one byte more is refused before sending")
    void defaultLimitIsTheBrokers() {
        String spec = PulsarTopics.spec(directory, "");
        try (LogProducer producer = Logs.openProducer(spec); LogConsumer consumer = Logs.openConsumer(spec)) {
            assertThat(producer.maxMessageBytes()).isEqualTo(5 * 1024 * 1024 - 1024);
            byte[] largest = new byte[producer.maxMessageBytes()];
            new Random(1).nextBytes(largest);
            Position position = producer.append(largest.clone()).join();
            assertThatThrownBy(() -> producer.append(new byte[producer.maxMessageBytes() + 1]))
                    .isInstanceOf(LogException.class).hasMessageContaining(Integer.toString(5 * 1024 * 1024 - 1024));

            List<LogEntry> entries = new ArrayList<>();
            Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
            while (entries.isEmpty() && Instant.now().isBefore(deadline)) {
                entries.addAll(consumer.poll(Duration.ofMillis(200)));
            }
            assertThat(entries).hasSize(1);
            assertThat(entries.get(0).position()).isEqualTo(position);
            assertThat(entries.get(0).payload()).isEqualTo(largest);
        }
    }
}
