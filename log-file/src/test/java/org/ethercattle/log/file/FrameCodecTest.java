package org.ethercattle.log.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.zip.CRC32C;
import org.ethercattle.api.Logs;
import org.ethercattle.api.log.LogProducer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The frame bytes are the ones README.md documents. */
class FrameCodecTest {

    private static final String HI_AT_5 = "6fe2cc24" + "00000002" + "0000000000000005" + "0000018f00000000" + "6869";

    @Test
    @DisplayName("the README test vector: entry 'hi', index 5, time 0x18F00000000")
    void testVector() {
        byte[] payload = {'h', 'i'};
        ByteBuffer header = FrameCodec.encodeHeader(ByteBuffer.allocate(FrameCodec.HEADER_BYTES), new CRC32C(), 5,
                0x18F00000000L, payload);
        byte[] frame = new byte[26];
        header.get(frame, 0, 24);
        System.arraycopy(payload, 0, frame, 24, 2);
        assertThat(HexFormat.of().formatHex(frame)).isEqualTo(HI_AT_5);
        assertThat(FrameCodec.computeCrc(new CRC32C(), frame, 0, 2)).isEqualTo(0x6fe2cc24);
    }

    @Test
    @DisplayName("a segment file is exactly its frames: header, index and payload where the table says")
    void segmentBytesFollowTheTable(@TempDir Path dir) throws Exception {
        try (LogProducer producer = Logs.openProducer("file:" + dir + "?fsync=never")) {
            producer.append(new byte[] {'a'}).join();
            producer.append(new byte[] {'h', 'i'}).join();
        }
        ByteBuffer segment = ByteBuffer.wrap(Files.readAllBytes(dir.resolve(SegmentFile.fileName(0))));
        assertThat(segment.remaining()).isEqualTo(25 + 26);
        assertThat(segment.getInt(4)).isEqualTo(1);
        assertThat(segment.getLong(8)).isZero();
        assertThat(segment.get(24)).isEqualTo((byte) 'a');
        assertThat(segment.getInt(25 + 4)).isEqualTo(2);
        assertThat(segment.getLong(25 + 8)).isEqualTo(1);
        assertThat(segment.getLong(25 + 16)).isCloseTo(System.currentTimeMillis(),
                org.assertj.core.data.Offset.offset(3_600_000L));
        CRC32C crc = new CRC32C();
        crc.update(segment.array(), 25 + 4, 22);
        assertThat(segment.getInt(25)).isEqualTo((int) crc.getValue());
    }
}
