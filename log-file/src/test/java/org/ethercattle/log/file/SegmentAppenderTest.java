package org.ethercattle.log.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.spi.Spec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentAppenderTest {

    @TempDir
    Path dir;

    @SuppressWarnings("try")
    private long appendBatch(FileLog log, SegmentAppender appender, List<byte[]> payloads) {
        try (AppendLock.Held held = log.lock()) {
            return appender.append(payloads, System.currentTimeMillis());
        }
    }

    @Test
    @SuppressWarnings("try")
    @DisplayName("one batch larger than a gathering write and spanning many segment rolls lands dense and in order")
    void batchAcrossWritesAndRolls() throws Exception {
        FileLogOptions options = FileLogOptions.from(Spec.parse("file:" + dir + "?fsync=never&segmentBytes=1k"));
        List<byte[]> payloads = new ArrayList<>();
        for (int i = 0; i < 3 * SegmentAppender.FRAMES_PER_WRITE + 5; i++) {
            payloads.add(Entries.utf8("b" + i));
        }
        try (FileLog log = FileLog.open(dir, options, true)) {
            SegmentAppender appender = new SegmentAppender(log);
            try (AppendLock.Held held = log.lock()) {
                appender.recover();
            }
            assertThat(appendBatch(log, appender, payloads.subList(0, 10))).isZero();
            assertThat(appendBatch(log, appender, payloads.subList(10, payloads.size()))).isEqualTo(10);
            assertThat(appender.writtenOfLastBatch()).isEqualTo(payloads.size() - 10);
            appender.close();
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.filter(f -> f.toString().endsWith(".log")).count()).isGreaterThan(10);
        }
        try (LogConsumer consumer = FileLogConsumer.open(FileLog.open(dir, FileLogOptions.defaults(), false))) {
            var read = Entries.poll(consumer, payloads.size());
            assertThat(Entries.indexes(read)).containsExactlyElementsOf(
                    LongStream.range(0, payloads.size()).boxed().toList());
            assertThat(Entries.texts(read)).containsExactlyElementsOf(Entries.names("b", 0, payloads.size()));
        }
    }
}
