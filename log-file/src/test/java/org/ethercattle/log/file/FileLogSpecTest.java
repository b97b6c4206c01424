package org.ethercattle.log.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.ethercattle.api.Logs;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.log.LogException;
import org.ethercattle.api.log.LogProducer;
import org.ethercattle.api.spi.Spec;
import org.ethercattle.api.spi.SpecException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileLogSpecTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("the file scheme is found on the classpath")
    void providerIsRegistered() {
        assertThat(Logs.available()).containsKey("file");
        assertThat(Logs.provider("file")).isInstanceOf(FileLogProvider.class);
    }

    @Test
    @DisplayName("every parameter is read; defaults apply when absent")
    void parametersAreRead() {
        FileLogOptions options = FileLogOptions.from(Spec.parse("file:/x?segmentBytes=1m&fsync=always"
                + "&fsyncInterval=200ms&maxMessageBytes=64k&retentionBytes=10g&retentionAge=7d"
                + "&maxPollBytes=1m&maxPollEntries=50"));
        assertThat(options).isEqualTo(new FileLogOptions(1 << 20, FsyncPolicy.ALWAYS, Duration.ofMillis(200),
                64 << 10, 10L << 30, Duration.ofDays(7), 1 << 20, 50));
        assertThat(FileLogOptions.from(Spec.parse("file:/x"))).isEqualTo(FileLogOptions.defaults());
        assertThat(FileLogOptions.defaults().hasRetention()).isFalse();
    }

    @Test
    @DisplayName("an unknown parameter is a SpecException listing the known ones")
    void unknownParameterIsRefused() {
        assertThatThrownBy(() -> Logs.openProducer("file:" + dir + "?segmentSize=1m"))
                .isInstanceOf(SpecException.class).hasMessageContaining("segmentSize").hasMessageContaining("segmentBytes");
        assertThatThrownBy(() -> Logs.openProducer("file:" + dir + "?fsync=sometimes"))
                .isInstanceOf(SpecException.class).hasMessageContaining("always");
        assertThat(dir.resolve(LogMetadata.FILE_NAME)).doesNotExist();
    }

    @Test
    @DisplayName("a path that is a file, or cannot be created, is a LogException naming it")
    void badPathsAreNamed() throws Exception {
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        assertThatThrownBy(() -> Logs.openProducer("file:" + file)).isInstanceOf(LogException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("not a directory");
        assertThatThrownBy(() -> Logs.openProducer("file:" + file.resolve("below"))).isInstanceOf(LogException.class)
                .hasMessageContaining(file.resolve("below").toString());
        assertThatThrownBy(() -> Logs.openConsumer("file:" + dir.resolve("missing")))
                .isInstanceOf(LogException.class).hasMessageContaining("does not exist");
    }

    @Test
    @DisplayName("file:///abs/path means /abs/path; a host is refused")
    void tripleSlashFormIsAccepted() {
        try (LogProducer producer = Logs.openProducer("file://" + dir + "?fsync=never")) {
            producer.append(Entries.utf8("one")).join();
        }
        try (LogConsumer consumer = Logs.openConsumer("file:" + dir)) {
            assertThat(Entries.texts(Entries.poll(consumer, 1))).containsExactly("one");
        }
        assertThatThrownBy(() -> Logs.openProducer("file://otherhost/" + dir)).isInstanceOf(SpecException.class)
                .hasMessageContaining("otherhost");
    }

    @Test
    @DisplayName("a directory with segments but no metadata is refused rather than given a new stream id")
    void segmentsWithoutMetadataAreRefused() throws Exception {
        Files.write(dir.resolve(SegmentFile.fileName(0)), new byte[0]);
        assertThatThrownBy(() -> Logs.openProducer("file:" + dir)).isInstanceOf(LogException.class)
                .hasMessageContaining(LogMetadata.FILE_NAME);
    }

    @Test
    @DisplayName("metadata of another format version is refused with the version named")
    void otherFormatIsRefused() throws Exception {
        Files.writeString(dir.resolve(LogMetadata.FILE_NAME), "format=2\nstreamId=abc\n");
        assertThatThrownBy(() -> Logs.openConsumer("file:" + dir)).isInstanceOf(LogException.class)
                .hasMessageContaining("format 2");
    }

    @Test
    @DisplayName("the stream id survives reopening and is the one in the metadata file")
    void streamIdIsStable() throws Exception {
        String id;
        try (LogConsumer consumer = Logs.openConsumer("file:" + dir)) {
            id = consumer.streamId();
        }
        assertThat(Files.readString(dir.resolve(LogMetadata.FILE_NAME))).contains("streamId=" + id);
        try (LogProducer producer = Logs.openProducer("file:" + dir); LogConsumer consumer = Logs.openConsumer("file:" + dir)) {
            producer.append(Entries.utf8("x")).join();
            assertThat(consumer.streamId()).isEqualTo(id);
        }
    }
}
