package org.ethercattle.log.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ethercattle.log.file.Entries.append;
import static org.ethercattle.log.file.Entries.indexes;
import static org.ethercattle.log.file.Entries.names;
import static org.ethercattle.log.file.Entries.poll;
import static org.ethercattle.log.file.Entries.texts;
import static org.ethercattle.log.file.Entries.utf8;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import java.util.zip.CRC32C;
import org.ethercattle.api.Logs;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.log.LogEntry;
import org.ethercattle.api.log.LogException;
import org.ethercattle.api.log.LogProducer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a crash leaves behind is repaired; what a disk or a person breaks is reported, never papered over. */
class FileLogRecoveryTest {

    @TempDir
    Path dir;

    private String spec() {
        return "file:" + dir + "?fsync=never";
    }

    private void appendTexts(String prefix, int count) {
        try (LogProducer producer = Logs.openProducer(spec())) {
            append(producer, prefix, 0, count);
        }
    }

    private Path segment(long base) {
        return dir.resolve(SegmentFile.fileName(base));
    }

    /** The frame an append of {@code payload} as entry {@code index} would write. */
    private static byte[] frame(long index, byte[] payload) {
        ByteBuffer header = FrameCodec.encodeHeader(ByteBuffer.allocate(FrameCodec.HEADER_BYTES), new CRC32C(),
                index, System.currentTimeMillis(), payload);
        byte[] frame = new byte[FrameCodec.HEADER_BYTES + payload.length];
        header.get(frame, 0, FrameCodec.HEADER_BYTES);
        System.arraycopy(payload, 0, frame, FrameCodec.HEADER_BYTES, payload.length);
        return frame;
    }

    private static void appendBytes(Path file, byte[] bytes) throws IOException {
        Files.write(file, bytes, StandardOpenOption.APPEND);
    }

    private static void flipByte(Path file, long offset) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, offset);
            one.put(0, (byte) (one.get(0) ^ 0x40)).rewind();
            channel.write(one, offset);
        }
    }

    /** Offset of entry {@code index} in a segment of entries "e0", "e1", ... starting at entry 0. */
    private static long offsetOf(int index) {
        long offset = 0;
        for (int i = 0; i < index; i++) {
            offset += FrameCodec.HEADER_BYTES + ("e" + i).length();
        }
        return offset;
    }

    private List<String> readAll(int count) {
        try (LogConsumer consumer = Logs.openConsumer(spec())) {
            List<LogEntry> entries = poll(consumer, count);
            assertThat(consumer.poll(Duration.ofMillis(50))).isEmpty();
            assertThat(indexes(entries)).containsExactlyElementsOf(LongStream.range(0, count).boxed().toList());
            return texts(entries);
        }
    }

    @Test
    @DisplayName("a half-written frame at the end (crash mid-append) is truncated on reopen; the next append takes its index")
    void halfFrameAtTheEndIsTruncated() throws Exception {
        appendTexts("e", 5);
        long goodSize = Files.size(segment(0));
        byte[] torn = frame(5, utf8("this append never finished"));
        appendBytes(segment(0), java.util.Arrays.copyOf(torn, torn.length / 2));
        try (LogProducer producer = Logs.openProducer(spec())) {
            assertThat(Files.size(segment(0))).isEqualTo(goodSize);
            assertThat(producer.append(utf8("after")).join()).isEqualTo(new FilePosition(5));
        }
        List<String> expected = new ArrayList<>(names("e", 0, 5));
        expected.add("after");
        assertThat(readAll(6)).containsExactlyElementsOf(expected);
    }

    @Test
    @DisplayName("a cut-off header, a whole last frame with a bad CRC, and a zero-filled tail all count as torn")
    void otherTornTailShapes() throws Exception {
        appendTexts("e", 3);
        long goodSize = Files.size(segment(0));

        appendBytes(segment(0), new byte[] {0, 0, 0, 9, 1});
        appendTexts("x", 1);
        goodSize += FrameCodec.HEADER_BYTES + 2;
        assertThat(Files.size(segment(0))).isEqualTo(goodSize);

        byte[] badCrc = frame(4, utf8("bad crc"));
        badCrc[FrameCodec.HEADER_BYTES] ^= 1;
        appendBytes(segment(0), badCrc);
        appendTexts("y", 1);
        goodSize += FrameCodec.HEADER_BYTES + 2;
        assertThat(Files.size(segment(0))).isEqualTo(goodSize);

        appendBytes(segment(0), new byte[8192]);
        appendTexts("z", 1);
        assertThat(Files.size(segment(0))).isEqualTo(goodSize + FrameCodec.HEADER_BYTES + 2);

        assertThat(readAll(6)).containsExactly("e0", "e1", "e2", "x0", "y0", "z0");
    }

    @Test
    @DisplayName("a consumer at a torn tail waits instead of failing, and reads on once a producer repaired it")
    void consumerWaitsAtATornTail() throws Exception {
        appendTexts("e", 4);
        try (LogConsumer consumer = Logs.openConsumer(spec())) {
            assertThat(texts(poll(consumer, 4))).containsExactlyElementsOf(names("e", 0, 4));
            byte[] torn = frame(4, utf8("never finished, and longer than what replaces it"));
            appendBytes(segment(0), java.util.Arrays.copyOf(torn, torn.length - 3));
            assertThat(consumer.poll(Duration.ofMillis(100))).isEmpty();
            assertThat(consumer.endPosition()).contains(new FilePosition(3));
            appendTexts("after", 2);
            assertThat(texts(poll(consumer, 2))).containsExactly("after0", "after1");
        }
    }

    @Test
    @DisplayName("a bad CRC in the middle of the log stops the consumer there with segment, offset and position named")
    void midLogCorruptionIsReported() throws Exception {
        appendTexts("e", 10);
        flipByte(segment(0), offsetOf(3) + FrameCodec.HEADER_BYTES); // entry 3's payload
        try (LogConsumer consumer = Logs.openConsumer(spec())) {
            List<LogEntry> before = consumer.poll(Duration.ofSeconds(5));
            assertThat(texts(before)).containsExactly("e0", "e1", "e2");
            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(1)))
                    .isInstanceOf(LogException.class)
                    .hasMessageContaining(segment(0).getFileName().toString())
                    .hasMessageContaining("offset " + offsetOf(3))
                    .hasMessageContaining("file:3")
                    .hasMessageContaining("CRC")
                    .matches(e -> !((LogException) e).isRetriable());
            consumer.seek(new FilePosition(4));
            assertThat(texts(consumer.poll(Duration.ofSeconds(5)))).containsExactlyElementsOf(names("e", 5, 10));
        }
    }

    @Test
    @DisplayName("a producer refuses to open on mid-log corruption in the newest segment rather than truncating good entries")
    void producerRefusesMidLogCorruption() throws Exception {
        appendTexts("e", 10);
        long size = Files.size(segment(0));
        flipByte(segment(0), offsetOf(6) + FrameCodec.HEADER_BYTES);
        assertThatThrownBy(() -> Logs.openProducer(spec())).isInstanceOf(LogException.class)
                .hasMessageContaining("offset " + offsetOf(6)).hasMessageContaining("file:6");
        assertThat(Files.size(segment(0))).isEqualTo(size);
    }

    @Test
    @DisplayName("a frame carrying the wrong index is corruption, not a torn tail")
    void wrongIndexIsCorruption() throws Exception {
        appendTexts("e", 3);
        appendBytes(segment(0), frame(7, utf8("misplaced")));
        appendBytes(segment(0), frame(8, utf8("misplaced too")));
        try (LogConsumer consumer = Logs.openConsumer(spec())) {
            assertThat(texts(consumer.poll(Duration.ofSeconds(5)))).containsExactly("e0", "e1", "e2");
            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(1))).isInstanceOf(LogException.class)
                    .hasMessageContaining("entry 7 where entry 3 must come");
        }
    }

    @Test
    @DisplayName("corruption in an older segment is reported when a consumer reaches it; producers still append")
    void corruptionInAnOlderSegment() throws Exception {
        try (LogProducer producer = Logs.openProducer(spec() + "&segmentBytes=256")) {
            append(producer, "e", 0, 40);
        }
        flipByte(segment(0), offsetOf(2) + FrameCodec.HEADER_BYTES);
        try (LogProducer producer = Logs.openProducer(spec() + "&segmentBytes=256")) {
            assertThat(producer.append(utf8("more")).join()).isEqualTo(new FilePosition(40));
        }
        try (LogConsumer consumer = Logs.openConsumer(spec())) {
            assertThat(texts(consumer.poll(Duration.ofSeconds(5)))).containsExactly("e0", "e1");
            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(1))).isInstanceOf(LogException.class)
                    .hasMessageContaining("file:2");
        }
    }
}
