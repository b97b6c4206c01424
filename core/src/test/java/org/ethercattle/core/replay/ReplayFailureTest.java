package org.ethercattle.core.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ethercattle.core.replay.TestStream.bytes;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.CRC32C;
import org.ethercattle.api.Database;
import org.ethercattle.api.ReservedKeys;
import org.ethercattle.api.StoreException;
import org.ethercattle.api.log.Position;
import org.ethercattle.api.log.PositionExpiredException;
import org.ethercattle.api.record.ChangeRecord;
import org.ethercattle.api.record.CorruptRecordException;
import org.ethercattle.api.record.Op;
import org.ethercattle.api.record.PendingLimitException;
import org.ethercattle.core.Keyspace;
import org.ethercattle.core.memory.MemoryDatabase;
import org.ethercattle.core.memory.MemoryLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad input stops replay at the bad entry, with everything before it applied and nothing after. */
class ReplayFailureTest {

    private final TestStream stream = new TestStream();
    private final UUID producer = UUID.randomUUID();
    private final List<Position> positions = new ArrayList<>();

    @AfterEach
    void discardStream() {
        stream.close();
    }

    /** Appends records 0..4 of {@link #producer}, each putting good-i. */
    private void appendFiveGoodRecords() {
        for (int i = 0; i < 5; i++) {
            positions.add(stream.appendRecord(TestStream.put(producer, i, "good-" + i, "v")));
        }
    }

    private void appendFiveLaterRecords(long firstSequence) {
        for (int i = 0; i < 5; i++) {
            stream.appendRecord(TestStream.put(producer, firstSequence + i, "later-" + i, "v"));
        }
    }

    private void assertStoppedAt(Replayer replayer, Database replica, Position bad, Throwable error) {
        for (int i = 0; i < 5; i++) {
            assertThat(replica.get(bytes("good-" + i))).as("record %d before the bad entry", i).isEqualTo(bytes("v"));
        }
        for (int i = 0; i < 5; i++) {
            assertThat(replica.has(bytes("later-" + i))).as("record after the bad entry").isFalse();
        }
        assertThat(Keyspace.countUserKeys(replica)).isEqualTo(5);
        assertThat(replayer.stats().failure()).isSameAs(error);
        assertThat(replayer.stats().recordsApplied()).isEqualTo(5);
        Checkpoint checkpoint = Checkpoint.read(replica, stream.name).orElseThrow();
        assertThat(checkpoint.lastPosition()).isEqualTo(positions.get(4).toBytes());
        assertThat(checkpoint.resumeAfter()).isEqualTo(positions.get(4).toBytes());
        assertThat(error.getMessage()).contains(bad.toString());
        assertThatThrownBy(replayer::step).isInstanceOf(IllegalStateException.class).hasCause(error);
    }

    @Test
    void a_flipped_bit_stops_replay_at_that_entry() {
        appendFiveGoodRecords();
        byte[] message = TestStream.CODEC.encode(TestStream.put(producer, 5, "bad", "v"), 1 << 20).get(0);
        message[message.length / 2] ^= 0x08;
        Position bad = stream.appendRaw(message);
        appendFiveLaterRecords(5);

        try (Database replica = MemoryDatabase.open(); Replayer replayer = stream.replayer(replica).build()) {
            Throwable error = catchThrowable(replayer::catchUp);
            assertThat(error).isInstanceOf(CorruptRecordException.class);
            assertThat(((CorruptRecordException) error).position()).isEqualTo(bad);
            assertStoppedAt(replayer, replica, bad, error);

            // A new replayer resumes after the last good entry and stops at the same place again.
            try (Replayer again = stream.replayer(replica).build()) {
                assertThat(again.resumedAfter()).contains(positions.get(4));
                assertThatThrownBy(again::catchUp).isInstanceOf(CorruptRecordException.class);
            }
        }
    }

    @Test
    void an_unknown_format_version_stops_replay_at_that_entry() {
        appendFiveGoodRecords();
        byte[] message = TestStream.CODEC.encode(TestStream.put(producer, 5, "bad", "v"), 1 << 20).get(0);
        message[2] = 9; // version byte, with a checksum that matches, so only the version is wrong
        CRC32C crc = new CRC32C();
        crc.update(message, 0, message.length - 4);
        ByteBuffer.wrap(message, message.length - 4, 4).putInt((int) crc.getValue());
        Position bad = stream.appendRaw(message);
        appendFiveLaterRecords(5);

        try (Database replica = MemoryDatabase.open(); Replayer replayer = stream.replayer(replica).build()) {
            Throwable error = catchThrowable(replayer::catchUp);
            assertThat(error).isInstanceOf(CorruptRecordException.class).hasMessageContaining("version");
            assertStoppedAt(replayer, replica, bad, error);
        }
    }

    @Test
    void a_gap_in_a_producers_sequence_stops_replay_naming_the_missing_records() {
        appendFiveGoodRecords();
        Position bad = stream.appendRecord(TestStream.put(producer, 8, "bad", "v"));
        appendFiveLaterRecords(9);

        try (Database replica = MemoryDatabase.open(); Replayer replayer = stream.replayer(replica).build()) {
            Throwable error = catchThrowable(replayer::catchUp);
            assertThat(error).isInstanceOf(SequenceGapException.class)
                    .hasMessageContaining(producer.toString())
                    .hasMessageContaining("records 5..7 are missing");
            SequenceGapException gap = (SequenceGapException) error;
            assertThat(gap.position()).isEqualTo(bad);
            assertThat(gap.producerId()).isEqualTo(producer);
            assertThat(gap.expected()).isEqualTo(5);
            assertThat(gap.found()).isEqualTo(8);
            assertThat(replica.has(bytes("bad"))).isFalse();
            assertStoppedAt(replayer, replica, bad, error);
            assertThat(Checkpoint.read(replica, stream.name).orElseThrow().producers().get(producer).lastSequence())
                    .isEqualTo(4);
        }
    }

    @Test
    void a_record_writing_into_the_reserved_key_range_is_rejected_whole() {
        appendFiveGoodRecords();
        Position bad = stream.appendRecord(ChangeRecord.batch(producer, 5, 1, List.of(
                Op.put(bytes("innocent"), bytes("v")),
                Op.put(ReservedKeys.key("checkpoint/" + stream.name), bytes("forged")))));
        appendFiveLaterRecords(6);

        try (Database replica = MemoryDatabase.open(); Replayer replayer = stream.replayer(replica).build()) {
            Throwable error = catchThrowable(replayer::catchUp);
            assertThat(error).isInstanceOf(CorruptRecordException.class).hasMessageContaining("reserves");
            assertThat(replica.has(bytes("innocent"))).isFalse();
            assertStoppedAt(replayer, replica, bad, error);
        }
    }

    @Test
    void a_chunked_record_over_the_pending_cap_stops_replay() {
        try (TestStream small = new TestStream(200); Database replica = MemoryDatabase.open()) {
            small.appendRecord(TestStream.put(producer, 0, "small", "v"));
            Position lastOfBig = small.appendRecord(ChangeRecord.batch(producer, 1, 1,
                    List.of(Op.put(bytes("big"), new byte[5_000]))));
            try (Replayer replayer = small.replayer(replica).maxPendingBytes(1_000).build()) {
                assertThatThrownBy(replayer::catchUp).isInstanceOf(PendingLimitException.class);
                assertThat(replica.get(bytes("small"))).isEqualTo(bytes("v"));
                assertThat(replica.has(bytes("big"))).isFalse();
                assertThat(replayer.stats().failed()).isTrue();
            }
            assertThat(lastOfBig).isNotNull();
        }
    }

    @Test
    void a_checkpoint_position_the_log_no_longer_holds_is_reported() {
        String name = "replay-expired-" + UUID.randomUUID();
        MemoryLog log = MemoryLog.open(name, null, 5L);
        try (Database replica = MemoryDatabase.open(); var producerLog = log.newProducer()) {
            for (int i = 0; i < 3; i++) {
                for (byte[] m : TestStream.CODEC.encode(TestStream.put(producer, i, "k" + i, "v"), 1 << 20)) {
                    producerLog.append(m).join();
                }
            }
            try (Replayer replayer = Replayer.builder(replica, log.newConsumer()).codec(TestStream.CODEC).build()) {
                replayer.catchUp();
            }
            for (int i = 3; i < 20; i++) {
                for (byte[] m : TestStream.CODEC.encode(TestStream.put(producer, i, "k" + i, "v"), 1 << 20)) {
                    producerLog.append(m).join();
                }
            }
            assertThatThrownBy(() -> {
                try (Replayer replayer = Replayer.builder(replica, log.newConsumer()).codec(TestStream.CODEC).build()) {
                    replayer.catchUp();
                }
            }).isInstanceOf(PositionExpiredException.class).hasMessageContaining("snapshot");
        } finally {
            MemoryLog.discard(name);
        }
    }

    /** Every record sets all ten keys to the same value: any state showing two values is half a record. */
    private void appendAllOrNothingRecords(int records) {
        for (int r = 0; r < records; r++) {
            List<Op> ops = new ArrayList<>();
            for (int k = 0; k < 10; k++) {
                ops.add(Op.put(bytes("key-" + k), bytes("record-" + r)));
            }
            positions.add(stream.appendRecord(ChangeRecord.batch(producer, r, 1, ops)));
        }
    }

    /** Returns the record all ten keys agree on (-1 when none is set), failing if they disagree. */
    private static int wholeRecordIn(Database store) {
        byte[] first = store.get(bytes("key-0"));
        for (int k = 1; k < 10; k++) {
            assertThat(store.get(bytes("key-" + k))).as("key-%d against key-0", k).isEqualTo(first);
        }
        return first == null ? -1 : Integer.parseInt(new String(first).substring("record-".length()));
    }

    @Test
    void a_replica_observed_between_steps_never_holds_part_of_a_record() {
        appendAllOrNothingRecords(200);
        try (Database replica = MemoryDatabase.open();
                Replayer replayer = stream.replayer(replica).maxBatchBytes(700).build()) {
            int seen = -1;
            while (seen < 199) {
                replayer.step();
                int now = wholeRecordIn(replica);
                assertThat(now).isGreaterThanOrEqualTo(seen);
                seen = now;
            }
        }
    }

    @ParameterizedTest(name = "crash at store batch write {0}")
    @ValueSource(ints = {1, 2, 3, 7, 11})
    void a_crash_during_a_commit_leaves_data_and_checkpoint_consistent(int failingWrite) {
        appendAllOrNothingRecords(100);
        Database store = MemoryDatabase.open();
        FailingBatchDatabase crashing = new FailingBatchDatabase(store, failingWrite);
        try (Replayer replayer = stream.replayer(crashing).maxBatchBytes(1_000).build()) {
            assertThatThrownBy(replayer::catchUp).isInstanceOf(StoreException.class).hasMessageContaining("simulated");
            assertThat(replayer.stats().failure()).isInstanceOf(StoreException.class);
        }

        // What survived: whole records only, and a checkpoint naming exactly the newest of them.
        int survived = wholeRecordIn(store);
        var checkpoint = Checkpoint.read(store, stream.name);
        if (survived < 0) {
            assertThat(checkpoint).isEmpty();
        } else {
            assertThat(checkpoint.orElseThrow().lastPosition()).isEqualTo(positions.get(survived).toBytes());
            assertThat(checkpoint.orElseThrow().producers().get(producer).lastSequence()).isEqualTo(survived);
        }

        CountingConsumer consumer = new CountingConsumer(stream.log.newConsumer());
        try (Replayer restarted = Replayer.builder(store, consumer).codec(TestStream.CODEC).build()) {
            assertThat(restarted.catchUp()).isEqualTo(99 - survived);
        }
        assertThat(consumer.entriesPolled).isEqualTo(99 - survived);
        assertThat(wholeRecordIn(store)).isEqualTo(99);
    }

    private static Throwable catchThrowable(Runnable action) {
        try {
            action.run();
        } catch (Throwable t) {
            return t;
        }
        throw new AssertionError("expected replay to fail");
    }
}
