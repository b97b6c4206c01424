package org.ethercattle.log.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ethercattle.log.file.Entries.append;
import static org.ethercattle.log.file.Entries.indexes;
import static org.ethercattle.log.file.Entries.poll;
import static org.ethercattle.log.file.Entries.texts;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.ethercattle.api.Logs;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.log.LogEntry;
import org.ethercattle.api.log.LogProducer;
import org.ethercattle.api.log.PositionExpiredException;
import org.ethercattle.api.spi.Spec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileLogRetentionTest {

    @TempDir
    Path dir;

    private String spec(String params) {
        return "file:" + dir + "?fsync=never&" + params;
    }

    private List<SegmentFile> segments() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> SegmentFile.parseBaseIndex(f.getFileName().toString()) >= 0)
                    .map(f -> new SegmentFile(SegmentFile.parseBaseIndex(f.getFileName().toString()), f))
                    .sorted().toList();
        }
    }

    private static long size(SegmentFile segment) {
        try {
            return Files.size(segment.path());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    @DisplayName("retentionBytes: whole oldest segments go when a roll finds the log longer; what stays is contiguous")
    void retentionByBytes() throws Exception {
        try (LogProducer producer = Logs.openProducer(spec("segmentBytes=256&retentionBytes=1k"))) {
            append(producer, "e", 0, 300);
        }
        List<SegmentFile> segments = segments();
        long first = segments.get(0).baseIndex();
        assertThat(first).as("oldest segments were deleted").isPositive();
        long allButNewest = segments.subList(0, segments.size() - 1).stream().mapToLong(FileLogRetentionTest::size).sum();
        assertThat(allButNewest).isLessThanOrEqualTo(1024);
        try (LogConsumer consumer = Logs.openConsumer(spec(""))) {
            assertThat(consumer.startPosition()).contains(new FilePosition(first));
            List<LogEntry> read = poll(consumer, (int) (300 - first));
            assertThat(indexes(read)).containsExactlyElementsOf(LongStream.range(first, 300).boxed().toList());
            assertThat(texts(read).get(0)).isEqualTo("e" + first);
        }
    }

    @Test
    @DisplayName("retentionAge: segments last written before the age go (oldest first, stopping at a young one)")
    void retentionByAge() throws Exception {
        try (LogProducer producer = Logs.openProducer(spec("segmentBytes=256&retentionAge=1h"))) {
            append(producer, "e", 0, 60);
        }
        List<SegmentFile> before = segments();
        assertThat(before.size()).isGreaterThan(4);
        FileTime old = FileTime.from(Instant.now().minus(Duration.ofHours(2)));
        for (SegmentFile segment : before.subList(0, 3)) {
            Files.setLastModifiedTime(segment.path(), old);
        }
        // A young segment between old ones stops deletion: retention never leaves a gap.
        Files.setLastModifiedTime(before.get(4).path(), old);
        try (FileLog log = FileLog.open(dir, FileLogOptions.from(Spec.parse(spec("retentionAge=1h"))), true)) {
            assertThat(log.enforceRetention()).isEqualTo(3);
            assertThat(log.enforceRetention()).isZero();
        }
        assertThat(segments()).containsExactlyElementsOf(before.subList(3, before.size()));
    }

    @Test
    @DisplayName("the newest segment is never deleted, even when it alone is over the limit")
    void newestSegmentStays() throws Exception {
        try (LogProducer producer = Logs.openProducer(spec("segmentBytes=256&retentionBytes=1"))) {
            append(producer, "e", 0, 50);
        }
        List<SegmentFile> segments = segments();
        assertThat(segments).hasSize(1);
        try (LogConsumer consumer = Logs.openConsumer(spec(""))) {
            long first = segments.get(0).baseIndex();
            assertThat(indexes(poll(consumer, (int) (50 - first))))
                    .containsExactlyElementsOf(LongStream.range(first, 50).boxed().toList());
            assertThat(consumer.endPosition()).contains(new FilePosition(49));
        }
    }

    @Test
    @DisplayName("seeking to before the earliest retained entry throws PositionExpiredException naming it")
    void seekBeforeRetentionExpires() throws Exception {
        try (LogProducer producer = Logs.openProducer(spec("segmentBytes=256&retentionBytes=600"))) {
            append(producer, "e", 0, 100);
        }
        long first = segments().get(0).baseIndex();
        assertThat(first).isGreaterThan(1);
        try (LogConsumer consumer = Logs.openConsumer(spec(""))) {
            assertThatThrownBy(() -> consumer.seek(new FilePosition(first - 2)))
                    .isInstanceOfSatisfying(PositionExpiredException.class, e -> {
                        assertThat(e.position()).isEqualTo(new FilePosition(first - 2));
                        assertThat(e.earliestRetained()).isEqualTo(new FilePosition(first));
                        assertThat(e.isRetriable()).isFalse();
                    });
            consumer.seek(new FilePosition(first - 1)); // the entry after it is still there: fine
            assertThat(indexes(consumer.poll(Duration.ofSeconds(5))).get(0)).isEqualTo(first);
        }
    }

    @Test
    @DisplayName("a consumer that falls behind retention gets PositionExpiredException after its last entry, never a gap")
    void laggingConsumerExpires() throws Exception {
        String params = "segmentBytes=256&retentionBytes=512&maxPollEntries=3";
        try (LogProducer producer = Logs.openProducer(spec(params));
             LogConsumer consumer = Logs.openConsumer(spec(params))) {
            append(producer, "e", 0, 5);
            List<LogEntry> read = new ArrayList<>(consumer.poll(Duration.ofSeconds(5)));
            assertThat(read).isNotEmpty();
            append(producer, "e", 5, 200);
            PositionExpiredException expired = null;
            while (expired == null) {
                try {
                    read.addAll(consumer.poll(Duration.ofMillis(20)));
                } catch (PositionExpiredException e) {
                    expired = e;
                }
                assertThat(read.size()).as("the consumer must not read past the deleted entries").isLessThan(200);
            }
            assertThat(indexes(read)).containsExactlyElementsOf(LongStream.range(0, read.size()).boxed().toList());
            assertThat(expired.position()).isEqualTo(read.get(read.size() - 1).position());
            assertThat(expired.earliestRetained()).isEqualTo(new FilePosition(segments().get(0).baseIndex()));
            assertThatThrownBy(() -> consumer.poll(Duration.ofMillis(10))).isInstanceOf(PositionExpiredException.class);
        }
    }
}
