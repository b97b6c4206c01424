package org.ethercattle.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ethercattle.core.codec.Messages.PRODUCER_A;
import static org.ethercattle.core.codec.Messages.entry;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ethercattle.api.Codecs;
import org.ethercattle.api.record.ChangeRecord;
import org.ethercattle.api.record.Op;
import org.ethercattle.api.record.RecordDecoder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NativeCodecRoundTripTest {

    private final NativeCodec codec = new NativeCodec();

    private List<ChangeRecord> decodeAll(List<byte[]> messages) {
        RecordDecoder decoder = codec.newDecoder(null, Long.MAX_VALUE);
        List<ChangeRecord> out = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            out.addAll(decoder.decode(entry(i, messages.get(i))));
        }
        assertThat(decoder.pendingBytes()).isZero();
        return out;
    }

    @Test
    @DisplayName("the codec is found by name through the Codecs registry")
    void registered() {
        assertThat(Codecs.get("cattle")).isInstanceOf(NativeCodec.class);
        assertThat(Codecs.get("cattle").name()).isEqualTo("cattle");
    }

    @ParameterizedTest(name = "maxMessageBytes {0}")
    @ValueSource(ints = {56, 64, 100, 200, 1000, 4096, 1 << 20})
    @DisplayName("random batches of many sizes survive encode then decode, in one message or in chunks")
    void randomBatchesRoundTrip(int maxMessageBytes) {
        Random random = new Random(maxMessageBytes);
        for (int sequence = 0; sequence < 300; sequence++) {
            ChangeRecord record = Messages.randomBatch(random, PRODUCER_A, sequence, 1 + random.nextInt(30),
                    random.nextInt(3) == 0 ? 3000 : 100);

            List<byte[]> messages = codec.encode(record, maxMessageBytes);

            for (int i = 0; i < messages.size(); i++) {
                assertThat(messages.get(i).length).isLessThanOrEqualTo(maxMessageBytes);
                if (i < messages.size() - 1) {
                    assertThat(messages.get(i).length).as("every chunk but the last is full").isEqualTo(maxMessageBytes);
                }
            }
            assertThat(messages.size() > 1).isEqualTo(40 + BatchBody.size(record.ops()) > maxMessageBytes);
            assertThat(decodeAll(messages)).containsExactly(record);
        }
    }

    @ParameterizedTest(name = "length {0}")
    @ValueSource(ints = {0, 1, 127, 128, 16383, 16384, 2_097_151, 2_097_152})
    @DisplayName("keys and values at every varint width boundary round-trip")
    void varintBoundaries(int length) {
        ChangeRecord record = ChangeRecord.batch(PRODUCER_A, 7, 1, List.of(
                Op.put(new byte[length], Messages.bytes(length, new Random(length))),
                Op.delete(new byte[Math.min(length, 300)])));

        assertThat(decodeAll(codec.encode(record, 8 << 20))).containsExactly(record);
        assertThat(decodeAll(codec.encode(record, 1000))).containsExactly(record);
    }

    @Test
    @DisplayName("a record needing 128 or more chunks (a two-byte chunk count) splits and reassembles")
    void manyChunks() {
        ChangeRecord record = Messages.bigPut(PRODUCER_A, 1, 50_000);

        List<byte[]> messages = codec.encode(record, 100);

        assertThat(messages.size()).isGreaterThan(128);
        assertThat(decodeAll(messages)).containsExactly(record);
    }

    @Test
    @DisplayName("heartbeats, empty batches, unknown times and the largest sequence round-trip")
    void edgeRecords() {
        List<ChangeRecord> records = List.of(
                ChangeRecord.heartbeat(PRODUCER_A, 0, 5),
                ChangeRecord.heartbeat(PRODUCER_A, 1, ChangeRecord.NO_TIME),
                ChangeRecord.batch(PRODUCER_A, 2, ChangeRecord.NO_TIME, List.of()),
                ChangeRecord.batch(PRODUCER_A, Long.MAX_VALUE, Long.MAX_VALUE, List.of(Op.put(new byte[0], new byte[0]))));
        List<byte[]> messages = new ArrayList<>();
        for (ChangeRecord record : records) {
            messages.addAll(codec.encode(record, 44));
        }

        assertThat(decodeAll(messages)).containsExactlyElementsOf(records);
        assertThat(codec.encode(records.get(0), 1 << 20).get(0)).hasSize(40);
    }

    @Test
    @DisplayName("records without a producer id or sequence are refused, saying what is missing")
    void requiresProducerAndSequence() {
        assertThatThrownBy(() -> codec.encode(ChangeRecord.heartbeat(null, 0, 0), 1000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("producer id");
        assertThatThrownBy(() -> codec.encode(ChangeRecord.batch(PRODUCER_A, ChangeRecord.NO_SEQUENCE, 0, List.of()), 1000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sequence");
        assertThatThrownBy(() -> codec.encode(ChangeRecord.batch(PRODUCER_A, 0, -2, List.of()), 1000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("time");
    }

    @Test
    @DisplayName("a message limit too small for even one part is refused, naming the limit")
    void tooSmallLimit() {
        assertThatThrownBy(() -> codec.encode(ChangeRecord.heartbeat(PRODUCER_A, 0, 0), 39))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxMessageBytes 39");
        assertThatThrownBy(() -> codec.encode(Messages.bigPut(PRODUCER_A, 0, 10), 43))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxMessageBytes 43");
        assertThat(codec.encode(Messages.bigPut(PRODUCER_A, 0, 10), 44)).hasSizeGreaterThan(1);
    }

    @Test
    @DisplayName("abandon limits must be positive")
    void abandonLimitsValidated() {
        assertThatThrownBy(() -> new NativeCodec(java.time.Duration.ZERO, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NativeCodec(java.time.Duration.ofSeconds(1), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new NativeCodec().abandonAfter()).isEqualTo(NativeCodec.DEFAULT_ABANDON_AFTER);
    }
}
