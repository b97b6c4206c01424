package org.ethercattle.core.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.ethercattle.api.StoreException;
import org.junit.jupiter.api.Test;

/** The checkpoint's byte layout, pinned by the test vectors printed in docs/replay.md. */
class CheckpointCodecTest {

    private static final HexFormat HEX = HexFormat.of();

    private static final String FULL_VECTOR = "cac702"
            + "00000008" + "000000000000002a"
            + "00000008" + "000000000000002b"
            + "0000018bcfe56800"
            + "01"
            + "00000001" + "00112233445566778899aabbccddeeff" + "0000000000000029" + "0000018bcfe56800"
            + "823a0c11";

    private static final String EMPTY_VECTOR = "cac702" + "ffffffff" + "ffffffff" + "ffffffffffffffff" + "00"
            + "00000000" + "cccc5bad";

    /** The full checkpoint as version 1 wrote it: no flags byte. */
    private static final String FULL_VECTOR_V1 = "cac701"
            + "00000008" + "000000000000002a"
            + "00000008" + "000000000000002b"
            + "0000018bcfe56800"
            + "00000001" + "00112233445566778899aabbccddeeff" + "0000000000000029" + "0000018bcfe56800"
            + "4b3bdcea";

    private static Checkpoint full() {
        Map<UUID, ProducerProgress> producers = new LinkedHashMap<>();
        producers.put(UUID.fromString("00112233-4455-6677-8899-aabbccddeeff"), new ProducerProgress(41, 1_700_000_000_000L));
        return new Checkpoint(HEX.parseHex("000000000000002a"), HEX.parseHex("000000000000002b"), 1_700_000_000_000L,
                producers, true);
    }

    @Test
    void encodes_to_the_documented_bytes() {
        assertThat(HEX.formatHex(CheckpointCodec.encode(full()))).isEqualTo(FULL_VECTOR);
        assertThat(HEX.formatHex(CheckpointCodec.encode(new Checkpoint(null, null, -1, Map.of()))))
                .isEqualTo(EMPTY_VECTOR);
    }

    @Test
    void decodes_what_it_encodes() {
        assertThat(CheckpointCodec.decode(HEX.parseHex(FULL_VECTOR), "s")).isEqualTo(full());
        Checkpoint empty = CheckpointCodec.decode(HEX.parseHex(EMPTY_VECTOR), "s");
        assertThat(empty.resumeAfter()).isNull();
        assertThat(empty.lastPosition()).isNull();
        assertThat(empty.producers()).isEmpty();
        assertThat(empty.lastRecordTimeMillis()).isEqualTo(-1);
    }

    @Test
    void reads_version_1_as_a_history_not_known_to_be_complete() {
        Checkpoint v1 = CheckpointCodec.decode(HEX.parseHex(FULL_VECTOR_V1), "s");
        assertThat(v1.completeHistory()).isFalse();
        assertThat(v1).isEqualTo(new Checkpoint(full().resumeAfter(), full().lastPosition(),
                full().lastRecordTimeMillis(), full().producers(), false));
    }

    @Test
    void rejects_flags_it_does_not_know() {
        // FULL_VECTOR with flags 0x03 and the CRC32C of that, so that only the flags are wrong.
        String unknownFlag = FULL_VECTOR.replaceFirst("0000018bcfe5680001", "0000018bcfe5680003")
                .replaceFirst("823a0c11$", "791c99a4");
        assertThatThrownBy(() -> CheckpointCodec.decode(HEX.parseHex(unknownFlag), "s"))
                .isInstanceOf(StoreException.class).hasMessageContaining("flags byte 0x3");
    }

    @Test
    void keeps_the_order_of_producers() {
        Map<UUID, ProducerProgress> producers = new LinkedHashMap<>();
        for (int i = 0; i < 50; i++) {
            producers.put(UUID.randomUUID(), new ProducerProgress(i, i));
        }
        Checkpoint decoded = CheckpointCodec.decode(CheckpointCodec.encode(new Checkpoint(null, new byte[0], 7, producers)), "s");
        assertThat(decoded.producers().keySet()).containsExactlyElementsOf(producers.keySet());
        assertThat(decoded.lastPosition()).isEmpty();
    }

    @Test
    void rejects_a_flipped_bit_naming_the_stream_and_the_fix() {
        byte[] bytes = HEX.parseHex(FULL_VECTOR);
        bytes[20] ^= 0x01;
        assertThatThrownBy(() -> CheckpointCodec.decode(bytes, "mainnet-cdc"))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("mainnet-cdc")
                .hasMessageContaining("CRC32C")
                .hasMessageContaining("snapshot");
    }

    @Test
    void rejects_an_unknown_version_and_another_magic() {
        byte[] newer = HEX.parseHex(FULL_VECTOR);
        newer[2] = 3;
        assertThatThrownBy(() -> CheckpointCodec.decode(newer, "s")).isInstanceOf(StoreException.class)
                .hasMessageContaining("version 3");
        byte[] other = HEX.parseHex(FULL_VECTOR);
        other[0] = 0x00;
        assertThatThrownBy(() -> CheckpointCodec.decode(other, "s")).isInstanceOf(StoreException.class)
                .hasMessageContaining("magic");
    }

    @Test
    void rejects_truncated_bytes() {
        byte[] whole = HEX.parseHex(FULL_VECTOR);
        for (int length = 0; length < whole.length; length++) {
            byte[] cut = java.util.Arrays.copyOf(whole, length);
            assertThatThrownBy(() -> CheckpointCodec.decode(cut, "s")).isInstanceOf(StoreException.class);
        }
    }
}
