package org.ethercattle.ethereum.ethercattle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ethercattle.ethereum.ethercattle.Entries.ascii;
import static org.ethercattle.ethereum.ethercattle.Entries.hex;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.ethercattle.api.Codecs;
import org.ethercattle.api.record.ChangeRecord;
import org.ethercattle.api.record.Op;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Byte-level vectors of every operation, written by hand from the original's encoding rules (opcode byte,
 * go-ethereum RLP of {@code KeyValue{Key, Value []byte}}, of {@code AncientData{Number uint64, Hash, Header,
 * Body, Receipt, Td []byte}} and of a {@code uint64}; fragments {@code 0xFF sub-op id payload}).
 */
class EtherCattleVectorsTest {

    static final String ID = "00112233445566778899aabbccddeeff";
    static final EtherCattleCodec CODEC = new EtherCattleCodec(
            java.time.Duration.ofMinutes(10), 1_000_000, () -> UUID.fromString("00112233-4455-6677-8899-aabbccddeeff"));

    /** Single-message vectors: message hex, and the ops of the record it decodes to. */
    static Stream<Arguments> singleOps() {
        byte[] long56 = new byte[56];
        Arrays.fill(long56, (byte) 0x61);
        return Stream.of(
                Arguments.of("put key=value", "00 ca 83 6b6579 85 76616c7565",
                        List.of(Op.put(ascii("key"), ascii("value")))),
                Arguments.of("put of a single low byte and an empty value", "00 c2 00 80",
                        List.of(Op.put(hex("00"), new byte[0]))),
                Arguments.of("put of a single high byte key", "00 c3 81 80 01",
                        List.of(Op.put(hex("80"), hex("01")))),
                Arguments.of("put of a 56-byte value (long string, long list)",
                        "00 f8 3b 6b b8 38 " + "61".repeat(56), List.of(Op.put(ascii("k"), long56))),
                Arguments.of("put of LastBlock", "00 d5 89 4c617374426c6f636b 8a 00010203040506070809",
                        List.of(Op.put(ascii("LastBlock"), hex("00010203040506070809")))),
                Arguments.of("delete", "01 676f6e65", List.of(Op.delete(ascii("gone")))),
                Arguments.of("delete of an empty key", "01", List.of(Op.delete(new byte[0]))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("singleOps")
    void single_op_messages_decode_to_one_op_and_encode_back(String name, String message, List<Op> ops) {
        List<ChangeRecord> records = new Entries().decodeAll(CODEC.newDecoder(null, 1 << 20), hex(message));

        assertThat(records).hasSize(1);
        ChangeRecord record = records.get(0);
        assertThat(record.kind()).isEqualTo(ChangeRecord.Kind.BATCH);
        assertThat(record.ops()).isEqualTo(ops);
        assertThat(record.producerId()).isNull();
        assertThat(record.sequence()).isEqualTo(ChangeRecord.NO_SEQUENCE);
        assertThat(record.timeMillis()).as("the log's time (Kafka CreateTime)").isEqualTo(Entries.START_TIME);
        assertThat(CODEC.encode(record, EtherCattleFormat.MAX_MESSAGE_BYTES)).singleElement()
                .satisfies(bytes -> assertThat(bytes).isEqualTo(hex(message)));
    }

    @Test
    void heartbeat_is_the_opcode_alone() {
        List<ChangeRecord> records = new Entries().decodeAll(CODEC.newDecoder(null, 1 << 20), hex("03"));

        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(ChangeRecord.Kind.HEARTBEAT);
            assertThat(r.timeMillis()).isEqualTo(Entries.START_TIME);
        });
        assertThat(CODEC.encode(records.get(0), 100)).singleElement()
                .satisfies(bytes -> assertThat(bytes).isEqualTo(hex("03")));
        assertThat(EtherCattleMessages.heartbeat()).isEqualTo(hex("03"));
    }

    @Test
    @DisplayName("get, has and sync are read-stream or freezer ops: nothing to apply")
    void reads_and_sync_decode_to_nothing() {
        assertThat(EtherCattleMessages.get(ascii("key"))).isEqualTo(hex("04 6b6579"));
        assertThat(EtherCattleMessages.has(ascii("key"))).isEqualTo(hex("05 6b6579"));
        assertThat(EtherCattleMessages.sync()).isEqualTo(hex("08"));

        List<ChangeRecord> records = new Entries().decodeAll(CODEC.newDecoder(null, 1 << 20),
                hex("04 6b6579"), hex("05 6b6579"), hex("08"));

        assertThat(records).isEmpty();
    }

    @Test
    void a_batch_is_one_fragment_per_op_then_the_commit() {
        String[] messages = {
            "ff 00 " + ID + " c2 6b 76",          // put "k" -> "v"
            "ff 01 " + ID + " 676f6e65",          // delete "gone"
            "ff 00 " + ID + " c5 83 6b6579 80",   // put "key" -> ""
            "02 " + ID,                          // commit
        };
        List<Op> ops = List.of(Op.put(ascii("k"), ascii("v")), Op.delete(ascii("gone")),
                Op.put(ascii("key"), new byte[0]));

        List<ChangeRecord> records = new Entries().decodeAll(CODEC.newDecoder(null, 1 << 20),
                Stream.of(messages).map(Entries::hex).toArray(byte[][]::new));

        assertThat(records).singleElement().satisfies(r -> assertThat(r.ops()).isEqualTo(ops));
        List<byte[]> encoded = CODEC.encode(records.get(0), EtherCattleFormat.MAX_MESSAGE_BYTES);
        assertThat(encoded).hasSize(messages.length);
        for (int i = 0; i < messages.length; i++) {
            assertThat(encoded.get(i)).as("message %d", i).isEqualTo(hex(messages[i]));
        }
        assertThat(EtherCattleMessages.fragmentPut(hex(ID), ascii("k"), ascii("v"))).isEqualTo(hex(messages[0]));
        assertThat(EtherCattleMessages.fragmentDelete(hex(ID), ascii("gone"))).isEqualTo(hex(messages[1]));
        assertThat(EtherCattleMessages.commit(hex(ID))).isEqualTo(hex(messages[3]));
    }

    @Test
    void append_ancient_becomes_puts_under_the_ancient_prefix_and_encodes_back() {
        String message = "06 c9 01 82aabb 48 80 81c0 01";
        AncientBlock block = new AncientBlock(1, hex("aabb"), ascii("H"), new byte[0], hex("c0"), hex("01"));

        List<ChangeRecord> records = new Entries().decodeAll(CODEC.newDecoder(null, 1 << 20), hex(message));

        assertThat(records).singleElement().satisfies(r -> assertThat(r.ops()).containsExactly(
                Op.put(AncientKeys.key("hashes", 1), hex("aabb")),
                Op.put(AncientKeys.key("headers", 1), ascii("H")),
                Op.put(AncientKeys.key("bodies", 1), new byte[0]),
                Op.put(AncientKeys.key("receipts", 1), hex("c0")),
                Op.put(AncientKeys.key("diffs", 1), hex("01")),
                Op.put(AncientKeys.countKey(), hex("0000000000000002"))));
        assertThat(AncientKeys.key("headers", 1)).isEqualTo(
                hex("00 657468657263617474 6c65 2d 616e6369656e74 00 686561646572732f 0000000000000001"));
        assertThat(CODEC.encode(records.get(0), 1000)).singleElement()
                .satisfies(bytes -> assertThat(bytes).isEqualTo(hex(message)));
        assertThat(EtherCattleMessages.appendAncient(block)).isEqualTo(hex(message));
    }

    @Test
    void append_ancient_numbers_are_minimal_big_endian_integers() {
        AncientBlock zero = new AncientBlock(0, new byte[0], new byte[0], new byte[0], new byte[0], new byte[0]);
        AncientBlock big = new AncientBlock(300, hex("aa"), new byte[0], new byte[0], new byte[0], new byte[0]);

        assertThat(EtherCattleMessages.appendAncient(zero)).isEqualTo(hex("06 c6 80 80 80 80 80 80"));
        assertThat(EtherCattleMessages.appendAncient(big)).isEqualTo(hex("06 c9 82012c 81aa 80 80 80 80"));
        List<ChangeRecord> records = new Entries().decodeAll(CODEC.newDecoder(null, 1 << 20),
                hex("06 c6 80 80 80 80 80 80"), hex("06 c9 82012c 81aa 80 80 80 80"));
        assertThat(AncientKeys.asAppend(records.get(0).ops())).contains(zero);
        assertThat(AncientKeys.asAppend(records.get(1).ops())).contains(big);
    }

    @Test
    void truncate_ancients_becomes_one_put_of_the_count_and_encodes_back() {
        String[][] vectors = {
            {"07 80", "0000000000000000"},
            {"07 05", "0000000000000005"},
            {"07 82 03e8", "00000000000003e8"},
            {"07 88 ffffffffffffffff", "ffffffffffffffff"},
        };
        for (String[] vector : vectors) {
            List<ChangeRecord> records = new Entries().decodeAll(CODEC.newDecoder(null, 1 << 20), hex(vector[0]));

            assertThat(records).singleElement().satisfies(r -> assertThat(r.ops())
                    .containsExactly(Op.put(AncientKeys.countKey(), hex(vector[1]))));
            assertThat(CODEC.encode(records.get(0), 100)).singleElement()
                    .satisfies(bytes -> assertThat(bytes).as(vector[0]).isEqualTo(hex(vector[0])));
        }
        assertThat(EtherCattleMessages.truncateAncients(1000)).isEqualTo(hex("07 82 03e8"));
    }

    @Test
    void an_empty_batch_sends_nothing_as_the_original_write_does() {
        assertThat(CODEC.encode(ChangeRecord.batch(UUID.randomUUID(), 0, 1, List.of()), 100)).isEmpty();
    }

    @Test
    void the_codec_is_found_by_name() {
        assertThat(Codecs.get("ethercattle")).isInstanceOf(EtherCattleCodec.class);
        assertThat(Codecs.get("ethercattle").name()).isEqualTo("ethercattle");
    }
}
