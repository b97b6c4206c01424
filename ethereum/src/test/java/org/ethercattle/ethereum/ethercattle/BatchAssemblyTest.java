package org.ethercattle.ethereum.ethercattle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ethercattle.ethereum.ethercattle.Entries.ascii;
import static org.ethercattle.ethereum.ethercattle.Entries.at;
import static org.ethercattle.ethereum.ethercattle.Entries.hex;

import java.time.Duration;
import java.util.List;
import org.ethercattle.api.record.ChangeRecord;
import org.ethercattle.api.record.CorruptRecordException;
import org.ethercattle.api.record.Op;
import org.ethercattle.api.record.PendingLimitException;
import org.ethercattle.api.record.RecordDecoder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BatchAssemblyTest {

    static final byte[] A = hex("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    static final byte[] B = hex("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
    static final EtherCattleCodec CODEC = new EtherCattleCodec();

    final Entries entries = new Entries();

    static byte[] put(byte[] id, String key, String value) {
        return EtherCattleMessages.fragmentPut(id, ascii(key), ascii(value));
    }

    @Test
    @DisplayName("fragments of two masters' batches interleave with heartbeats and single puts; each batch applies"
            + " whole at its own commit")
    void interleaved_batches_apply_whole_at_their_commit() {
        RecordDecoder decoder = CODEC.newDecoder(null, 1 << 20);

        List<ChangeRecord> records = entries.decodeAll(decoder,
                put(A, "a1", "1"),
                put(B, "b1", "1"),
                EtherCattleMessages.heartbeat(),
                EtherCattleMessages.fragmentDelete(A, ascii("a2")),
                EtherCattleMessages.put(ascii("single"), ascii("s")),
                put(B, "b2", "2"),
                EtherCattleMessages.commit(B),
                EtherCattleMessages.heartbeat(),
                put(A, "a3", "3"),
                EtherCattleMessages.commit(A));

        assertThat(records).extracting(ChangeRecord::kind).containsExactly(ChangeRecord.Kind.HEARTBEAT,
                ChangeRecord.Kind.BATCH, ChangeRecord.Kind.BATCH, ChangeRecord.Kind.HEARTBEAT, ChangeRecord.Kind.BATCH);
        assertThat(records.get(1).ops()).containsExactly(Op.put(ascii("single"), ascii("s")));
        assertThat(records.get(2).ops()).containsExactly(Op.put(ascii("b1"), ascii("1")), Op.put(ascii("b2"), ascii("2")));
        assertThat(records.get(4).ops()).containsExactly(Op.put(ascii("a1"), ascii("1")), Op.delete(ascii("a2")),
                Op.put(ascii("a3"), ascii("3")));
        assertThat(records.get(4).timeMillis()).as("the commit's log time").isEqualTo(Entries.START_TIME + 9000);
        assertThat(decoder.pendingBytes()).isZero();
        assertThat(decoder.resumePoint()).isEqualTo(at(9));
    }

    @Test
    void a_commit_with_no_fragments_is_dropped_and_decoding_goes_on() {
        RecordDecoder decoder = CODEC.newDecoder(null, 1 << 20);

        List<ChangeRecord> records = entries.decodeAll(decoder,
                EtherCattleMessages.commit(A),
                EtherCattleMessages.put(ascii("k"), ascii("v")));

        assertThat(records).singleElement().satisfies(r -> assertThat(r.ops()).containsExactly(
                Op.put(ascii("k"), ascii("v"))));
        assertThat(decoder.resumePoint()).isEqualTo(at(1));
    }

    @Test
    @DisplayName("a commit consumes its fragments: a reused id (Write after Reset) collects and commits a new batch")
    void a_reused_batch_id_commits_again_with_only_its_new_fragments() {
        RecordDecoder decoder = CODEC.newDecoder(null, 1 << 20);

        List<ChangeRecord> records = entries.decodeAll(decoder,
                put(A, "first", "1"),
                EtherCattleMessages.commit(A),
                put(A, "second", "2"),
                EtherCattleMessages.commit(A),
                EtherCattleMessages.commit(A));

        assertThat(records).hasSize(2);
        assertThat(records.get(0).ops()).containsExactly(Op.put(ascii("first"), ascii("1")));
        assertThat(records.get(1).ops()).containsExactly(Op.put(ascii("second"), ascii("2")));
    }

    @Test
    @DisplayName("resumePoint stays before the first fragment of the oldest batch waiting for its commit")
    void resume_point_never_passes_an_uncommitted_batch() {
        RecordDecoder decoder = CODEC.newDecoder(at(99), 1 << 20);
        assertThat(decoder.resumePoint()).isEqualTo(at(99));

        entries.decodeAll(decoder, EtherCattleMessages.heartbeat());         // 0
        assertThat(decoder.resumePoint()).isEqualTo(at(0));
        entries.decodeAll(decoder, put(A, "a", "1"));                          // 1: A opens
        assertThat(decoder.resumePoint()).isEqualTo(at(0));
        entries.decodeAll(decoder, put(B, "b", "1"), EtherCattleMessages.heartbeat()); // 2: B opens, 3
        assertThat(decoder.resumePoint()).isEqualTo(at(0));
        entries.decodeAll(decoder, EtherCattleMessages.commit(A));            // 4: A commits, B oldest
        assertThat(decoder.resumePoint()).isEqualTo(at(1));
        entries.decodeAll(decoder, EtherCattleMessages.commit(B));            // 5: nothing pending
        assertThat(decoder.resumePoint()).isEqualTo(at(5));
    }

    @Test
    void resume_point_of_a_batch_opened_first_thing_after_the_log_start_is_the_log_start() {
        RecordDecoder decoder = CODEC.newDecoder(null, 1 << 20);

        entries.decodeAll(decoder, put(A, "a", "1"), EtherCattleMessages.heartbeat());

        assertThat(decoder.resumePoint()).isNull();
    }

    @Test
    void pending_fragments_are_capped_in_bytes() {
        byte[] fragment = put(A, "key", "value");
        RecordDecoder decoder = CODEC.newDecoder(null, 2L * fragment.length);
        entries.decodeAll(decoder, fragment, put(B, "key", "value"));
        assertThat(decoder.pendingBytes()).isEqualTo(2L * fragment.length);

        assertThatThrownBy(() -> entries.decodeAll(decoder, put(A, "more", "x")))
                .isInstanceOf(PendingLimitException.class)
                .hasMessageContaining("ec-test");
        assertThatThrownBy(() -> entries.decodeAll(decoder, EtherCattleMessages.commit(A)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_commit_frees_its_bytes_for_later_batches() {
        byte[] fragment = put(A, "key", "value");
        RecordDecoder decoder = CODEC.newDecoder(null, fragment.length);

        List<ChangeRecord> records = entries.decodeAll(decoder, fragment, EtherCattleMessages.commit(A),
                put(B, "key", "value"), EtherCattleMessages.commit(B));

        assertThat(records).hasSize(2);
        assertThat(decoder.pendingBytes()).isZero();
    }

    @Test
    @DisplayName("a batch whose master went silent past the abandon entry count is dropped; its late commit is an error")
    void an_abandoned_batch_is_dropped_and_its_late_commit_fails() {
        RecordDecoder decoder = new EtherCattleCodec(Duration.ofDays(1), 3).newDecoder(null, 1 << 20);
        entries.decodeAll(decoder, put(A, "a", "1"));                       // 0
        entries.decodeAll(decoder, EtherCattleMessages.heartbeat(), EtherCattleMessages.heartbeat(),
                EtherCattleMessages.heartbeat());                            // 1..3: A silent for 3
        assertThat(decoder.pendingBytes()).isPositive();

        entries.decodeAll(decoder, EtherCattleMessages.heartbeat());         // 4: silent for 4 > 3

        assertThat(decoder.pendingBytes()).isZero();
        assertThat(decoder.resumePoint()).isEqualTo(at(4));
        assertThatThrownBy(() -> entries.decodeAll(decoder, EtherCattleMessages.commit(A)))
                .isInstanceOf(CorruptRecordException.class)
                .hasMessageContaining("abandoned");
    }

    @Test
    void a_batch_silent_for_longer_than_the_abandon_interval_of_log_time_is_dropped() {
        // Entries are 1 s of log time apart.
        RecordDecoder decoder = new EtherCattleCodec(Duration.ofMillis(2500), 1_000_000).newDecoder(null, 1 << 20);
        entries.decodeAll(decoder, put(A, "a", "1"), EtherCattleMessages.heartbeat(), EtherCattleMessages.heartbeat());
        assertThat(decoder.pendingBytes()).isPositive();

        entries.decodeAll(decoder, EtherCattleMessages.heartbeat());

        assertThat(decoder.pendingBytes()).isZero();
        assertThatThrownBy(() -> entries.decodeAll(decoder, put(A, "a", "2")))
                .isInstanceOf(CorruptRecordException.class)
                .hasMessageContaining("abandon limits");
    }

    @Test
    void fragments_of_a_live_batch_keep_it_from_being_abandoned() {
        RecordDecoder decoder = new EtherCattleCodec(Duration.ofDays(1), 2).newDecoder(null, 1 << 20);

        List<ChangeRecord> records = entries.decodeAll(decoder, put(A, "a", "1"), EtherCattleMessages.heartbeat(),
                put(A, "b", "2"), EtherCattleMessages.heartbeat(), put(A, "c", "3"), EtherCattleMessages.commit(A));

        assertThat(records).filteredOn(r -> r.kind() == ChangeRecord.Kind.BATCH).singleElement()
                .satisfies(r -> assertThat(r.ops()).hasSize(3));
    }

    @Test
    void bad_messages_are_corrupt_records_naming_the_position() {
        String id = "00112233445566778899aabbccddeeff";
        String[][] cases = {
            {"", "empty message"},
            {"09", "unknown opcode 0x09"},
            {"fe 00", "unknown opcode 0xfe"},
            {"00 ca 83 6b6579 85 76616c75", "RLP"},                 // truncated
            {"00 ca 83 6b6579 85 76616c7565 00", "RLP"},            // trailing byte
            {"00 c1 80", "1 items"},                                // one item
            {"00 c3 80 80 80", "3 items"},
            {"00 81 05", "RLP"},                                    // non-canonical single byte
            {"00 80", "not one RLP list"},
            {"00", "not one RLP list"},                                // no payload
            {"00 bf ffffffffffffffff", "not valid RLP"},                // absurd length
            {"00 c0 c0", "not one RLP list"},                          // two top-level values
            {"00 c2 c0 80", "is a list"},                            // item is a list
            {"02 0011", "exactly 17"},
            {"02 " + id + " 00", "exactly 17"},
            {"ff 00 0011", "at least 18"},
            {"ff 02 " + id + " 00", "sub-op 0x02"},
            {"03 00", "payload"},
            {"08 00", "payload"},
            {"07 00", "not a canonical RLP uint64"},                // leading zero
            {"07 89 010000000000000000", "not a canonical RLP uint64"},
            {"07 c0", "not one RLP integer"},
            {"06 c5 80 80 80 80 80", "5 items"},
        };
        for (String[] c : cases) {
            RecordDecoder decoder = CODEC.newDecoder(null, 1 << 20);
            Entries fresh = new Entries();
            assertThatThrownBy(() -> fresh.decodeAll(decoder, hex(c[0])))
                    .as(c[0])
                    .isInstanceOf(CorruptRecordException.class)
                    .hasMessageContaining("memory:ec-test@0")
                    .hasMessageContaining(c[1]);
        }
    }
}
