package org.ethercattle.log.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ethercattle.log.file.Entries.indexes;
import static org.ethercattle.log.file.Entries.names;
import static org.ethercattle.log.file.Entries.poll;
import static org.ethercattle.log.file.Entries.texts;
import static org.ethercattle.log.file.Entries.utf8;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.LongStream;
import org.ethercattle.api.Logs;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.log.LogEntry;
import org.ethercattle.api.log.LogException;
import org.ethercattle.api.log.LogProducer;
import org.ethercattle.api.log.Position;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An interrupt closes any {@link java.nio.channels.FileChannel} the interrupted thread is using; producers
 * and consumers must survive that: the call fails (retriable) or succeeds, and the next call works.
 */
class FileLogInterruptTest {

    @TempDir
    Path dir;

    private String spec() {
        return "file:" + dir + "?fsync=never&segmentBytes=2k";
    }

    @Test
    @DisplayName("appends from an interrupted thread fail retriably or land; later appends work and the log stays dense")
    void producerSurvivesInterrupts() {
        List<String> landed = new ArrayList<>();
        try (LogProducer producer = Logs.openProducer(spec())) {
            for (int i = 0; i < 200; i++) {
                if (i % 3 == 0) {
                    Thread.currentThread().interrupt();
                }
                String text = "m" + i;
                try {
                    CompletableFuture<Position> future = producer.append(utf8(text));
                    if (!future.isCompletedExceptionally()) {
                        landed.add(text);
                    } else {
                        future.exceptionally(e -> {
                            assertThat(e).isInstanceOf(LogException.class);
                            assertThat(((LogException) e).isRetriable()).isTrue();
                            return null;
                        }).join();
                    }
                } catch (CompletionException e) {
                    throw new AssertionError(e);
                } finally {
                    Thread.interrupted();
                }
            }
        }
        try (LogConsumer consumer = Logs.openConsumer(spec())) {
            List<LogEntry> read = poll(consumer, landed.size());
            assertThat(consumer.poll(Duration.ofMillis(50))).isEmpty();
            assertThat(texts(read)).containsExactlyElementsOf(landed);
            assertThat(indexes(read)).containsExactlyElementsOf(LongStream.range(0, landed.size()).boxed().toList());
        }
        assertThat(landed.size()).as("uninterrupted appends land").isGreaterThanOrEqualTo(133);
        System.out.println((200 - landed.size()) + " of 67 interrupted appends failed");
    }

    @Test
    @DisplayName("a poll on an interrupted thread returns or fails retriably; the next poll goes on where it stopped")
    void consumerSurvivesInterrupts() {
        try (LogProducer producer = Logs.openProducer(spec())) {
            Entries.append(producer, "e", 0, 500);
        }
        List<LogEntry> read = new ArrayList<>();
        try (LogConsumer consumer = Logs.openConsumer(spec() + "&maxPollEntries=7")) {
            while (read.size() < 500) {
                Thread.currentThread().interrupt();
                try {
                    read.addAll(consumer.poll(Duration.ofMillis(100)));
                } catch (LogException e) {
                    assertThat(e.isRetriable()).as(e.getMessage()).isTrue();
                } finally {
                    Thread.interrupted();
                }
                read.addAll(consumer.poll(Duration.ofMillis(100)));
            }
        }
        assertThat(texts(read)).containsExactlyElementsOf(names("e", 0, 500));
    }
}
