package org.ethercattle.ethereum.ethercattle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.ethercattle.api.record.ChangeRecord;
import org.ethercattle.api.record.Op;
import org.ethercattle.api.record.RecordDecoder;
import org.junit.jupiter.api.Test;

/** Random records through encode and decode, with key and value sizes across every RLP length form. */
class EtherCattleRoundTripTest {

    private static final int[] SIZES = {0, 1, 2, 31, 55, 56, 57, 255, 256, 1000, 65_535, 65_536, 70_000};

    @Test
    void random_records_come_back_with_the_same_ops_in_order() {
        Random random = new Random(0xEC77);
        EtherCattleCodec codec = new EtherCattleCodec();
        RecordDecoder decoder = codec.newDecoder(null, 64L << 20);
        Entries entries = new Entries();
        List<List<Op>> sent = new ArrayList<>();
        List<byte[]> messages = new ArrayList<>();
        for (int r = 0; r < 300; r++) {
            List<Op> ops = new ArrayList<>();
            int count = 1 + random.nextInt(random.nextInt(10) == 0 ? 50 : 4);
            for (int i = 0; i < count; i++) {
                byte[] key = bytes(random, SIZES[random.nextInt(6)]);
                ops.add(random.nextInt(5) == 0 ? Op.delete(key)
                        : Op.put(key, bytes(random, SIZES[random.nextInt(SIZES.length)])));
            }
            sent.add(ops);
            messages.addAll(codec.encode(ChangeRecord.batch(UUID.randomUUID(), r, 0, ops), 1 << 20));
            if (random.nextInt(4) == 0) {
                messages.addAll(codec.encode(ChangeRecord.heartbeat(UUID.randomUUID(), r, 0), 1 << 20));
            }
        }

        List<List<Op>> received = new ArrayList<>();
        for (byte[] message : messages) {
            for (ChangeRecord record : decoder.decode(entries.entry(message))) {
                if (record.kind() == ChangeRecord.Kind.BATCH) {
                    received.add(record.ops());
                }
            }
        }

        assertThat(received).isEqualTo(sent);
        assertThat(decoder.pendingBytes()).isZero();
    }

    @Test
    void an_op_whose_message_exceeds_the_limit_fails_encoding_naming_the_limit() {
        EtherCattleCodec codec = new EtherCattleCodec();
        ChangeRecord record = ChangeRecord.batch(null, ChangeRecord.NO_SEQUENCE, ChangeRecord.NO_TIME,
                List.of(Op.put(new byte[] {1}, new byte[100])));

        assertThat(codec.encode(record, 106)).singleElement().satisfies(m -> assertThat(m).hasSize(106));
        assertThatThrownBy(() -> codec.encode(record, 105))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limit of 105 bytes");
    }

    private static byte[] bytes(Random random, int size) {
        byte[] out = new byte[size];
        random.nextBytes(out);
        return out;
    }
}
