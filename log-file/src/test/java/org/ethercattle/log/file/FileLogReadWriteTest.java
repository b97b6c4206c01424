package org.ethercattle.log.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ethercattle.log.file.Entries.append;
import static org.ethercattle.log.file.Entries.indexes;
import static org.ethercattle.log.file.Entries.names;
import static org.ethercattle.log.file.Entries.poll;
import static org.ethercattle.log.file.Entries.texts;
import static org.ethercattle.log.file.Entries.utf8;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.ethercattle.api.Logs;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.log.LogEntry;
import org.ethercattle.api.log.LogException;
import org.ethercattle.api.log.LogProducer;
import org.ethercattle.api.log.Position;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileLogReadWriteTest {

    @TempDir
    Path dir;

    private String spec(String params) {
        return "file:" + dir + "?fsync=never" + (params.isEmpty() ? "" : "&" + params);
    }

    private List<Long> segmentBases() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> SegmentFile.parseBaseIndex(f.getFileName().toString())).filter(b -> b >= 0)
                    .sorted().toList();
        }
    }

    @Test
    @DisplayName("entries come back in append order, with dense positions 0, 1, 2, ... across segment rolls")
    void orderAndDensePositionsAcrossSegments() throws Exception {
        try (LogProducer producer = Logs.openProducer(spec("segmentBytes=2k"));
             LogConsumer consumer = Logs.openConsumer(spec(""))) {
            List<Position> positions = append(producer, "entry-", 0, 1000);
            assertThat(positions).extracting(p -> ((FilePosition) p).index())
                    .containsExactlyElementsOf(LongStream.range(0, 1000).boxed().toList());
            List<LogEntry> read = poll(consumer, 1000);
            assertThat(texts(read)).containsExactlyElementsOf(names("entry-", 0, 1000));
            assertThat(indexes(read)).containsExactlyElementsOf(LongStream.range(0, 1000).boxed().toList());
            assertThat(consumer.poll(Duration.ofMillis(50))).isEmpty();
        }
        List<Long> bases = segmentBases();
        assertThat(bases.size()).as("segments rolled at 2 KiB").isGreaterThan(10);
        assertThat(bases.get(0)).isZero();
        for (Path segment : Files.newDirectoryStream(dir, "*.log")) {
            assertThat(Files.size(segment)).as(segment.toString()).isLessThanOrEqualTo(2048);
        }
    }

    @Test
    @DisplayName("each segment file is named by the index of its first entry")
    void segmentNamesAreTheirFirstIndex() throws Exception {
        try (LogProducer producer = Logs.openProducer(spec("segmentBytes=1k"))) {
            append(producer, "e", 0, 300);
        }
        try (LogConsumer consumer = Logs.openConsumer(spec(""))) {
            for (long base : segmentBases()) {
                if (base > 0) {
                    consumer.seek(new FilePosition(base - 1));
                    assertThat(indexes(consumer.poll(Duration.ofSeconds(5))).get(0)).isEqualTo(base);
                }
            }
        }
    }

    @Test
    @DisplayName("closing and reopening continues the indexes where they stopped")
    void reopenContinues() {
        try (LogProducer producer = Logs.openProducer(spec("segmentBytes=512"))) {
            append(producer, "first-", 0, 40);
        }
        try (LogProducer producer = Logs.openProducer(spec("segmentBytes=512"))) {
            assertThat(append(producer, "second-", 0, 40).get(0)).isEqualTo(new FilePosition(40));
        }
        try (LogConsumer consumer = Logs.openConsumer(spec(""))) {
            List<String> expected = new ArrayList<>(names("first-", 0, 40));
            expected.addAll(names("second-", 0, 40));
            assertThat(texts(poll(consumer, 80))).containsExactlyElementsOf(expected);
            assertThat(consumer.endPosition()).contains(new FilePosition(79));
            assertThat(consumer.startPosition()).contains(new FilePosition(0));
        }
    }

    @Test
    @DisplayName("seek(p) resumes right after p for every p: first, middle, last, in older segments")
    void seekToEveryPosition() {
        try (LogProducer producer = Logs.openProducer(spec("segmentBytes=1k"))) {
            append(producer, "e", 0, 400);
        }
        try (LogConsumer consumer = Logs.openConsumer(spec(""))) {
            // Backwards first, so seeks land in segments the consumer has not read yet.
            for (int i = 398; i >= 0; i -= 7) {
                consumer.seek(new FilePosition(i));
                assertThat(text(consumer.poll(Duration.ofSeconds(5)).get(0))).isEqualTo("e" + (i + 1));
            }
            for (int i = 0; i < 399; i++) {
                consumer.seek(new FilePosition(i));
                List<LogEntry> next = consumer.poll(Duration.ofSeconds(5));
                assertThat(indexes(next).get(0)).isEqualTo(i + 1);
                assertThat(text(next.get(0))).isEqualTo("e" + (i + 1));
            }
            consumer.seek(new FilePosition(399));
            assertThat(consumer.poll(Duration.ofMillis(50))).isEmpty();
        }
    }

    @Test
    @DisplayName("seeks inside one large segment land exactly, in any order (sparse index)")
    void seeksInALargeSegment() {
        int count = 30_000; // about 3.5 MB in one segment: many sparse index points
        try (LogProducer producer = Logs.openProducer(spec(""))) {
            for (int i = 0; i < count; i++) {
                producer.append(utf8("entry-" + i + "-" + "p".repeat(i % 150))).join();
            }
        }
        Random random = new Random(7);
        try (LogConsumer consumer = Logs.openConsumer(spec("maxPollEntries=1"))) {
            for (int n = 0; n < 300; n++) {
                int i = random.nextInt(count - 1);
                consumer.seek(new FilePosition(i));
                List<LogEntry> next = consumer.poll(Duration.ofSeconds(5));
                assertThat(next).hasSize(1);
                assertThat(text(next.get(0))).startsWith("entry-" + (i + 1) + "-");
            }
            assertThat(consumer.endPosition()).contains(new FilePosition(count - 1));
        }
    }

    @Test
    @DisplayName("entries larger than the read buffer come back whole; a poll respects maxPollEntries")
    void largeEntriesAndPollCaps() {
        Random random = new Random(3);
        List<byte[]> payloads = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            byte[] payload = new byte[(3 << 20) + i];
            random.nextBytes(payload);
            payloads.add(payload);
        }
        try (LogProducer producer = Logs.openProducer(spec("maxMessageBytes=4m"))) {
            for (byte[] payload : payloads) {
                producer.append(payload.clone()).join();
            }
            append(producer, "small-", 0, 20);
        }
        try (LogConsumer consumer = Logs.openConsumer(spec("maxPollEntries=7"))) {
            List<LogEntry> read = new ArrayList<>();
            while (read.size() < 26) {
                List<LogEntry> batch = consumer.poll(Duration.ofSeconds(5));
                assertThat(batch).isNotEmpty().hasSizeLessThanOrEqualTo(7);
                read.addAll(batch);
            }
            for (int i = 0; i < 6; i++) {
                assertThat(Arrays.equals(read.get(i).payload(), payloads.get(i))).as("payload %d", i).isTrue();
            }
            assertThat(texts(read.subList(6, 26))).containsExactlyElementsOf(names("small-", 0, 20));
        }
    }

    @Test
    @DisplayName("a message over maxMessageBytes is refused with both sizes named, and the log is unchanged")
    void oversizeMessageNamesBothSizes() {
        try (LogProducer producer = Logs.openProducer(spec("maxMessageBytes=1k"));
             LogConsumer consumer = Logs.openConsumer(spec(""))) {
            assertThat(producer.maxMessageBytes()).isEqualTo(1024);
            producer.append(new byte[1024]).join();
            assertThatThrownBy(() -> producer.append(new byte[1025])).isInstanceOf(LogException.class)
                    .hasMessageContaining("1025").hasMessageContaining("1024")
                    .matches(e -> !((LogException) e).isRetriable());
            assertThat(consumer.endPosition()).contains(new FilePosition(0));
        }
    }

    @Test
    @DisplayName("fsync=always: concurrent appenders share fsyncs and every append lands, dense and whole")
    void fsyncAlwaysWithConcurrentAppenders() throws Exception {
        int threads = 4;
        int perThread = 150;
        try (LogProducer producer = Logs.openProducer("file:" + dir + "?fsync=always&segmentBytes=8k")) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<List<Position>>> results = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    String tag = "t" + t + "-";
                    results.add(pool.submit(() -> append(producer, tag, 0, perThread)));
                }
                for (Future<List<Position>> result : results) {
                    result.get();
                }
            } finally {
                pool.shutdownNow();
            }
            producer.flush();
        }
        try (LogConsumer consumer = Logs.openConsumer(spec(""))) {
            List<LogEntry> read = poll(consumer, threads * perThread);
            assertThat(indexes(read)).containsExactlyElementsOf(
                    LongStream.range(0, threads * perThread).boxed().toList());
            for (int t = 0; t < threads; t++) {
                String tag = "t" + t + "-";
                assertThat(texts(read).stream().filter(s -> s.startsWith(tag)).toList())
                        .containsExactlyElementsOf(names(tag, 0, perThread));
            }
        }
    }

    @Test
    @DisplayName("fsync=interval: flush and close complete; entries are there after reopening")
    void fsyncInterval() {
        try (LogProducer producer = Logs.openProducer("file:" + dir + "?fsync=interval&fsyncInterval=10ms")) {
            List<CompletableFuture<Position>> futures = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                futures.add(producer.append(utf8("i" + i)));
            }
            producer.flush();
            assertThat(futures).allMatch(CompletableFuture::isDone);
        }
        try (LogConsumer consumer = Logs.openConsumer(spec(""))) {
            assertThat(texts(poll(consumer, 50))).containsExactlyElementsOf(names("i", 0, 50));
        }
    }

    @Test
    @DisplayName("seeking past the end is a non-retriable LogException saying the position is ahead of the log")
    void seekPastTheEnd() {
        try (LogProducer producer = Logs.openProducer(spec("segmentBytes=256"))) {
            append(producer, "e", 0, 10);
        }
        try (LogConsumer consumer = Logs.openConsumer(spec(""))) {
            consumer.seek(new FilePosition(9)); // the last entry: fine, nothing follows yet
            assertThatThrownBy(() -> consumer.seek(new FilePosition(10))).isInstanceOf(LogException.class)
                    .hasMessageContaining("file:10").hasMessageContaining("ends at file:9")
                    .matches(e -> !((LogException) e).isRetriable());
            assertThatThrownBy(() -> consumer.seek(new FilePosition(500))).isInstanceOf(LogException.class);
        }
    }

    @Test
    @DisplayName("entriesBetween is the index difference")
    void entriesBetweenIsTheIndexDifference() {
        try (LogConsumer consumer = Logs.openConsumer(spec(""))) {
            assertThat(consumer.entriesBetween(new FilePosition(10), new FilePosition(25))).hasValue(15);
            assertThat(consumer.entriesBetween(new FilePosition(25), new FilePosition(10))).hasValue(0);
        }
    }

    private static String text(LogEntry entry) {
        return Entries.text(entry);
    }
}
