package org.ethercattle.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ethercattle.core.codec.Messages.PRODUCER_A;
import static org.ethercattle.core.codec.Messages.at;
import static org.ethercattle.core.codec.Messages.entry;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.ethercattle.api.record.ChangeRecord;
import org.ethercattle.api.record.CorruptRecordException;
import org.ethercattle.api.record.Op;
import org.ethercattle.api.record.RecordDecoder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NativeCodecCorruptionTest {

    private final NativeCodec codec = new NativeCodec();

    private RecordDecoder decoder() {
        return codec.newDecoder(null, 1 << 20);
    }

    private static List<byte[]> sampleMessages() {
        NativeCodec codec = new NativeCodec();
        List<byte[]> messages = new ArrayList<>();
        messages.addAll(codec.encode(ChangeRecord.batch(PRODUCER_A, 0, 1_700_000_000_000L,
                List.of(Op.put("key".getBytes(), "value".getBytes()), Op.delete(new byte[] {9}))), 1 << 20));
        messages.addAll(codec.encode(ChangeRecord.heartbeat(PRODUCER_A, 1, 1_700_000_000_000L), 1 << 20));
        messages.addAll(codec.encode(Messages.bigPut(PRODUCER_A, 2, 40), 60));
        return messages;
    }

    private CorruptRecordException decodeFailure(byte[] message) {
        try {
            decoder().decode(entry(42, message));
        } catch (CorruptRecordException e) {
            return e;
        }
        throw new AssertionError("decoded a damaged message without complaint: " + HexFormat.of().formatHex(message));
    }

    @Test
    @DisplayName("every single-bit flip of a batch, heartbeat or chunk message is caught, naming the position")
    void everyBitFlipIsDetected() {
        for (byte[] message : sampleMessages()) {
            for (int bit = 0; bit < message.length * 8; bit++) {
                byte[] damaged = message.clone();
                damaged[bit / 8] ^= (byte) (1 << (bit % 8));

                CorruptRecordException e = decodeFailure(damaged);

                assertThat(e.position()).isEqualTo(at(42));
                assertThat(e.getMessage()).contains("memory:test@42", "CRC32C mismatch");
            }
        }
    }

    @Test
    @DisplayName("every truncation of a message is caught")
    void everyTruncationIsDetected() {
        for (byte[] message : sampleMessages()) {
            for (int length = 0; length < message.length; length++) {
                byte[] truncated = java.util.Arrays.copyOf(message, length);

                assertThat(decodeFailure(truncated).getMessage()).contains("memory:test@42");
            }
        }
    }

    @Test
    @DisplayName("a message of a newer version says which version and that this replica is too old")
    void unknownVersion() {
        byte[] message = sampleMessages().get(0);
        message[2] = 2;

        assertThat(decodeFailure(Messages.resealed(message)).getMessage())
                .contains("version 2", "too old", "upgrade");
    }

    @Test
    @DisplayName("an unknown record kind is named")
    void unknownKind() {
        byte[] message = sampleMessages().get(0);
        message[3] = 0x09;

        assertThat(decodeFailure(Messages.resealed(message)).getMessage()).contains("kind 0x09");
    }

    @Test
    @DisplayName("a message without the cattle magic is reported as another format")
    void wrongMagic() {
        byte[] message = sampleMessages().get(0);
        message[0] = 0x00;

        assertThat(decodeFailure(Messages.resealed(message)).getMessage()).contains("magic", "ethercattle");
        assertThat(decodeFailure(new byte[] {0x00, 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'}).getMessage())
                .contains("CRC32C mismatch", "another codec");
    }

    @Test
    @DisplayName("bodies that pass the checksum but break the layout are refused, saying what is wrong")
    void malformedBodies() {
        byte[] base = sampleMessages().get(0);
        assertThat(decodeFailure(Messages.withBody(base, HexFormat.of().parseHex("01010161"))).getMessage())
                .contains("value length of op 0");
        assertThat(decodeFailure(Messages.withBody(base, HexFormat.of().parseHex("0102016100"))).getMessage())
                .contains("1 bytes follow the last of the 1 ops");
        assertThat(decodeFailure(Messages.withBody(base, HexFormat.of().parseHex("01070161"))).getMessage())
                .contains("unknown type 0x07");
        assertThat(decodeFailure(Messages.withBody(base, HexFormat.of().parseHex("8100"))).getMessage())
                .contains("shortest form");
        assertThat(decodeFailure(Messages.withBody(base, HexFormat.of().parseHex("ffffffff0f"))).getMessage())
                .contains("larger than 2^31-1");
        assertThat(decodeFailure(Messages.withBody(base, HexFormat.of().parseHex("05010000"))).getMessage())
                .contains("op count 5 cannot fit");
        assertThat(decodeFailure(Messages.withBody(base, new byte[0])).getMessage()).contains("op count");
        assertThat(decodeFailure(Messages.withBody(sampleMessages().get(1), new byte[] {0})).getMessage())
                .contains("heartbeat carries a body");
    }

    @Test
    @DisplayName("sequences and times beyond 2^63-1 are refused")
    void outOfRangeHeaderFields() {
        byte[] message = sampleMessages().get(0);
        message[20] = (byte) 0x80;
        assertThat(decodeFailure(Messages.resealed(message)).getMessage()).contains("sequence");

        message = sampleMessages().get(0);
        message[28] = (byte) 0x80;
        assertThat(decodeFailure(Messages.resealed(message)).getMessage()).contains("time");
    }

    @Test
    @DisplayName("impossible chunk headers are refused")
    void impossibleChunkHeaders() {
        byte[] chunk = sampleMessages().get(2);
        // count 1, index 0: a record is never split into one chunk
        assertThat(decodeFailure(Messages.withBody(chunk, HexFormat.of().parseHex("0001050102030405"))).getMessage())
                .contains("impossible");
        // index 2 of 2
        assertThat(decodeFailure(Messages.withBody(chunk, HexFormat.of().parseHex("0202050102"))).getMessage())
                .contains("impossible");
        // empty slice
        assertThat(decodeFailure(Messages.withBody(chunk, HexFormat.of().parseHex("000205"))).getMessage())
                .contains("impossible");
    }

    @Test
    @DisplayName("after a failure the decoder refuses further use instead of skipping the bad entry")
    void decoderStopsAfterFailure() {
        RecordDecoder decoder = decoder();
        byte[] good = sampleMessages().get(0);
        byte[] bad = good.clone();
        bad[40] ^= 1;
        assertThatThrownBy(() -> decoder.decode(entry(1, bad))).isInstanceOf(CorruptRecordException.class);

        assertThatThrownBy(() -> decoder.decode(entry(2, good)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("memory:test@1");
        assertThat(decoder.resumePoint()).isNull();
    }

    @Test
    @DisplayName("random garbage never decodes")
    void randomGarbage() {
        Random random = new Random(3);
        for (int i = 0; i < 2000; i++) {
            byte[] garbage = Messages.bytes(random.nextInt(200), random);
            if (garbage.length > 1) {
                garbage[0] = (byte) 0xCA;
                garbage[1] = 0x77;
            }
            decodeFailure(garbage);
        }
    }
}
