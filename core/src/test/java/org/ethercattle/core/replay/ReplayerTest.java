package org.ethercattle.core.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ethercattle.core.replay.TestStream.bytes;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.ethercattle.api.Database;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.log.Position;
import org.ethercattle.api.record.ChangeRecord;
import org.ethercattle.api.record.Op;
import org.ethercattle.core.Keyspace;
import org.ethercattle.core.capture.CapturingDatabase;
import org.ethercattle.core.memory.MemoryDatabase;
import org.ethercattle.core.memory.MemoryPosition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReplayerTest {

    private final TestStream stream = new TestStream();

    @AfterEach
    void discardStream() {
        stream.close();
    }

    @Test
    void a_replica_ends_with_the_masters_keyspace() {
        try (CapturingDatabase master = stream.newMaster(); Database replica = MemoryDatabase.open()) {
            TestStream.writeWorkload(master, 1, 2_000);
            master.flush();
            try (Replayer replayer = stream.replayer(replica).build()) {
                long applied = replayer.catchUp();
                assertThat(applied).isEqualTo(2_000);
                assertThat(replayer.stats().recordsApplied()).isEqualTo(2_000);
                assertThat(replayer.stats().failure()).isNull();
            }
            assertThat(Keyspace.firstDifference(master, replica)).isEmpty();
            assertThat(Keyspace.countUserKeys(replica)).isPositive();
        }
    }

    @Test
    void with_read_ahead_a_replica_stopped_midway_and_resumed_on_the_same_consumer_misses_nothing() {
        try (TestStream small = new TestStream(300);
                CapturingDatabase master = small.newMaster();
                Database replica = MemoryDatabase.open();
                LogConsumer consumer = new OneEntryPerPoll(small.log.newConsumer())) {
            TestStream.writeWorkload(master, 12, 600);
            // A small batch and a larger read-ahead: when the first replayer stops, entries it read ahead
            // (chunks of records included) were never applied; the second must replay them from its checkpoint.
            try (Replayer first = Replayer.builder(replica, consumer).codec(TestStream.CODEC)
                    .headGuard(org.ethercattle.api.replay.HeadGuard.none()).maxBatchBytes(4 << 10)
                    .readAheadBytes(64 << 10).pollTimeout(java.time.Duration.ofMillis(5)).build()) {
                // The first polls may come back empty while the background thread starts: step until
                // something is applied, then a little more.
                for (int steps = 0; first.stats().recordsApplied() == 0; steps++) {
                    assertThat(steps).as("steps without any record applied").isLessThan(100_000);
                    first.step();
                }
                first.step();
                assertThat(first.stats().recordsApplied()).isBetween(1L, 599L);
            }
            try (Replayer second = Replayer.builder(replica, consumer).codec(TestStream.CODEC)
                    .headGuard(org.ethercattle.api.replay.HeadGuard.none()).readAheadBytes(64 << 10)
                    .pollTimeout(java.time.Duration.ofMillis(5)).build()) {
                second.catchUp();
                assertThat(second.stats().failure()).isNull();
            }
            assertThat(Keyspace.firstDifference(master, replica)).isEmpty();
        }
    }

    @Test
    void records_larger_than_a_log_message_travel_in_chunks_and_apply_whole() {
        try (TestStream small = new TestStream(300);
                CapturingDatabase master = small.newMaster();
                Database replica = MemoryDatabase.open()) {
            TestStream.writeWorkload(master, 2, 300);
            try (Replayer replayer = small.replayer(replica).build()) {
                replayer.catchUp();
            }
            long entries = ((MemoryPosition) small.log.newConsumer().endPosition().orElseThrow()).index() + 1;
            assertThat(entries).isGreaterThan(300 + 100); // many records took several messages
            assertThat(Keyspace.firstDifference(master, replica)).isEmpty();
        }
    }

    @Test
    void replaying_the_whole_log_again_over_the_same_store_gives_the_same_keyspace() {
        try (CapturingDatabase master = stream.newMaster(); Database replica = MemoryDatabase.open()) {
            TestStream.writeWorkload(master, 3, 1_000);
            try (Replayer replayer = stream.replayer(replica).build()) {
                replayer.catchUp();
            }
            byte[] once = Keyspace.digest(replica);
            replica.delete(Checkpoint.key(stream.name)); // forget where we were: everything is read again
            try (Replayer replayer = stream.replayer(replica).build()) {
                assertThat(replayer.resumedAfter()).isEmpty();
                replayer.catchUp();
            }
            assertThat(Keyspace.digest(replica)).isEqualTo(once);
            assertThat(Keyspace.firstDifference(master, replica)).isEmpty();
        }
    }

    @Test
    void a_restart_resumes_after_the_checkpoint_instead_of_the_start() {
        try (CapturingDatabase master = stream.newMaster(); Database replica = MemoryDatabase.open()) {
            TestStream.writeWorkload(master, 4, 500);
            Position firstRunEnd;
            try (Replayer replayer = stream.replayer(replica).build()) {
                assertThat(replayer.resumedAfter()).isEmpty();
                replayer.catchUp();
                firstRunEnd = replayer.stats().lastPosition();
            }
            TestStream.writeWorkload(master, 5, 200);

            CountingConsumer consumer = new CountingConsumer(stream.log.newConsumer());
            try (Replayer replayer = Replayer.builder(replica, consumer).codec(TestStream.CODEC).build()) {
                assertThat(replayer.resumedAfter()).contains(firstRunEnd);
                assertThat(replayer.catchUp()).isEqualTo(200);
            }
            assertThat(consumer.entriesPolled).isEqualTo(200);
            assertThat(consumer.firstPolled.compareTo(firstRunEnd)).isPositive();
            assertThat(Keyspace.firstDifference(master, replica)).isEmpty();
        }
    }

    @Test
    void records_already_applied_are_skipped_when_a_suffix_is_read_again() {
        try (CapturingDatabase master = stream.newMaster(); Database replica = MemoryDatabase.open()) {
            TestStream.writeWorkload(master, 6, 300);
            try (Replayer replayer = stream.replayer(replica).build()) {
                replayer.catchUp();
            }
            byte[] oldCheckpoint = replica.get(Checkpoint.key(stream.name));
            TestStream.writeWorkload(master, 7, 300);
            try (Replayer replayer = stream.replayer(replica).build()) {
                replayer.catchUp();
            }
            byte[] whole = Keyspace.digest(replica);

            // Put the older checkpoint back, as if the store had lost the newer one: the suffix is
            // read again, but its records carry sequences already applied.
            Checkpoint old = CheckpointCodec.decode(oldCheckpoint, stream.name);
            Checkpoint newer = Checkpoint.read(replica, stream.name).orElseThrow();
            replica.put(Checkpoint.key(stream.name),
                    CheckpointCodec.encode(new Checkpoint(old.resumeAfter(), old.lastPosition(),
                            old.lastRecordTimeMillis(), newer.producers())));
            CountingConsumer consumer = new CountingConsumer(stream.log.newConsumer());
            try (Replayer replayer = Replayer.builder(replica, consumer).codec(TestStream.CODEC).build()) {
                assertThat(replayer.catchUp()).isZero();
                assertThat(replayer.stats().recordsApplied()).isZero();
            }
            assertThat(consumer.entriesPolled).isEqualTo(300);
            assertThat(Keyspace.digest(replica)).isEqualTo(whole);
        }
    }

    @Test
    void group_commit_writes_many_records_per_store_batch() {
        try (CapturingDatabase master = stream.newMaster()) {
            for (int i = 0; i < 3_000; i++) {
                master.put(bytes("k" + i), bytes("v" + i));
            }
            FailingBatchDatabase replica = new FailingBatchDatabase(MemoryDatabase.open(), 0);
            try (Replayer replayer = stream.replayer(replica).build()) {
                replayer.catchUp();
            }
            assertThat(replica.batchWrites.get()).isBetween(1, 5);
            assertThat(Keyspace.firstDifference(master, replica)).isEmpty();
        }
    }

    @Test
    void group_commit_writes_a_batch_once_it_holds_max_batch_bytes() {
        try (CapturingDatabase master = stream.newMaster()) {
            byte[] value = new byte[1_000];
            for (int i = 0; i < 100; i++) {
                master.put(bytes("k" + i), value);
            }
            FailingBatchDatabase replica = new FailingBatchDatabase(MemoryDatabase.open(), 0);
            try (Replayer replayer = stream.replayer(replica).maxBatchBytes(10_000).build()) {
                replayer.catchUp();
            }
            // ~100 KB of ops in batches of at least 10 KB: about ten writes, never one per record.
            assertThat(replica.batchWrites.get()).isBetween(9, 12);
            assertThat(Keyspace.firstDifference(master, replica)).isEmpty();
        }
    }

    @Test
    void heartbeats_advance_time_and_sequence_but_apply_no_ops() {
        try (CapturingDatabase master = stream.newMaster(); Database replica = MemoryDatabase.open()) {
            master.put(bytes("a"), bytes("1"));
            long before = System.currentTimeMillis();
            master.heartbeat();
            master.heartbeat();
            master.put(bytes("b"), bytes("2"));
            master.heartbeat();
            try (Replayer replayer = stream.replayer(replica).build()) {
                assertThat(replayer.catchUp()).isEqualTo(2);
                ReplayStats stats = replayer.stats();
                assertThat(stats.recordsApplied()).isEqualTo(2);
                assertThat(stats.opsApplied()).isEqualTo(2);
                assertThat(stats.bytesApplied()).isEqualTo(4);
                assertThat(stats.lastRecordTimeMillis()).isGreaterThanOrEqualTo(before);
            }
            assertThat(Checkpoint.read(replica, stream.name).orElseThrow().producers())
                    .containsEntry(master.producerId(), new ProducerProgress(4,
                            Checkpoint.read(replica, stream.name).orElseThrow().producers()
                                    .get(master.producerId()).lastTimeMillis()));
            assertThat(Keyspace.firstDifference(master, replica)).isEmpty();
        }
    }

    @Test
    void a_replica_that_read_the_stream_from_its_first_entry_refuses_a_producer_whose_first_records_are_missing() {
        // What a rewound log tail looks like once a restarted master wrote over it: a producer the replica
        // never saw, arriving past its sequence 0.
        UUID rewritten = UUID.randomUUID();
        stream.appendRecord(TestStream.put(rewritten, 41_000, "x", "1"));
        try (Database replica = MemoryDatabase.open(); Replayer replayer = stream.replayer(replica).build()) {
            assertThatThrownBy(replayer::catchUp).isInstanceOf(SequenceGapException.class)
                    .hasMessageContaining(rewritten.toString()).hasMessageContaining("expected 0")
                    .hasMessageContaining("0..40999 are missing");
            assertThat(replica.get(bytes("x"))).isNull();
        }
    }

    @Test
    void a_replica_seeded_at_an_offset_accepts_a_producer_first_seen_at_any_sequence() {
        UUID lateJoiner = UUID.randomUUID();
        stream.appendRecord(TestStream.put(lateJoiner, 40_999, "w", "0"));
        stream.appendRecord(TestStream.put(lateJoiner, 41_000, "x", "1"));
        stream.appendRecord(TestStream.put(lateJoiner, 41_001, "y", "2"));
        try (Database replica = MemoryDatabase.open();
                Replayer replayer = stream.replayer(replica).seededAt(0).build()) {
            assertThat(replayer.catchUp()).isEqualTo(2);
            assertThat(replica.get(bytes("w"))).isNull(); // the seeded store holds entry 0's effects already
            assertThat(replica.get(bytes("x"))).isEqualTo(bytes("1"));
            assertThat(replica.get(bytes("y"))).isEqualTo(bytes("2"));
            assertThat(Checkpoint.read(replica, stream.name).orElseThrow().completeHistory()).isFalse();
        }
    }

    @Test
    void records_of_several_producers_interleave() {
        try (CapturingDatabase a = stream.newMaster(); CapturingDatabase b = stream.newMaster();
                Database replica = MemoryDatabase.open()) {
            List<Database> masters = List.of(a, b);
            Map<String, String> expected = new HashMap<>();
            for (int i = 0; i < 200; i++) {
                masters.get(i % 2).put(bytes("k" + (i % 17)), bytes("v" + i));
                expected.put("k" + (i % 17), "v" + i);
            }
            try (Replayer replayer = stream.replayer(replica).build()) {
                assertThat(replayer.catchUp()).isEqualTo(200);
            }
            expected.forEach((k, v) -> assertThat(replica.get(bytes(k))).isEqualTo(bytes(v)));
            assertThat(Checkpoint.read(replica, stream.name).orElseThrow().producers()).hasSize(2);
        }
    }

    @Test
    void step_applies_what_is_ready_and_commits_it() {
        try (CapturingDatabase master = stream.newMaster(); Database replica = MemoryDatabase.open();
                Replayer replayer = stream.replayer(replica).build()) {
            assertThat(replayer.step()).isZero();
            master.put(bytes("a"), bytes("1"));
            master.delete(bytes("a"));
            master.put(bytes("b"), bytes("2"));
            assertThat(replayer.step()).isEqualTo(3);
            assertThat(replica.get(bytes("b"))).isEqualTo(bytes("2"));
            assertThat(replica.has(bytes("a"))).isFalse();
            assertThat(replayer.stats().recordsApplied()).isEqualTo(3);
            assertThat(replayer.stats().lastPosition()).isEqualTo(stream.log.newConsumer().endPosition().orElseThrow());
        }
    }

    @Test
    void run_replays_until_stopped_and_close_leaves_store_and_consumer_open() throws Exception {
        try (CapturingDatabase master = stream.newMaster(); Database replica = MemoryDatabase.open()) {
            var consumer = stream.log.newConsumer();
            Replayer replayer = stream.replayer(replica).build();
            Thread runner = new Thread(replayer::run);
            runner.start();
            for (int i = 0; i < 500; i++) {
                master.put(bytes("k" + i), bytes("v" + i));
            }
            while (replayer.stats().recordsApplied() < 500) {
                Thread.onSpinWait();
            }
            replayer.close();
            runner.join();
            assertThat(Keyspace.firstDifference(master, replica)).isEmpty();
            assertThat(consumer.endPosition()).isPresent();
            assertThat(replica.get(bytes("k0"))).isEqualTo(bytes("v0"));
            replayer.close();
        }
    }

    @Test
    void the_defaults_find_the_native_codec_on_the_classpath_and_guard_no_key() {
        try (CapturingDatabase master = stream.newMaster(); Database replica = MemoryDatabase.open()) {
            master.put(bytes("LastBlock"), bytes("h1"));
            master.put(bytes("LastBlock"), bytes("h2"));
            master.put(bytes("LastBlock"), bytes("h1"));
            try (Replayer replayer = Replayer.builder(replica, stream.log.newConsumer()).build()) {
                assertThat(replayer.catchUp()).isEqualTo(3);
                assertThat(replayer.stats().opsApplied()).isEqualTo(3);
            }
            assertThat(replica.get(bytes("LastBlock"))).isEqualTo(bytes("h1"));
        }
    }

    @Test
    void the_checkpoint_never_moves_past_the_first_chunk_of_an_incomplete_record() {
        try (TestStream small = new TestStream(200); Database replica = MemoryDatabase.open()) {
            UUID big = UUID.randomUUID();
            UUID other = UUID.randomUUID();
            Position beforeBig = small.appendRecord(TestStream.put(other, 0, "o0", "v"));
            List<byte[]> chunks = TestStream.CODEC.encode(ChangeRecord.batch(big, 0, 1,
                    List.of(Op.put(bytes("big"), new byte[1_000]))), 200);
            assertThat(chunks.size()).isGreaterThan(4);
            for (int i = 0; i < 3; i++) {
                small.appendRaw(chunks.get(i));
                small.appendRecord(TestStream.put(other, 1 + i, "o" + (1 + i), "v"));
            }
            try (Replayer replayer = small.replayer(replica).build()) {
                assertThat(replayer.catchUp()).isEqualTo(4);
            }
            assertThat(replica.has(bytes("big"))).isFalse();
            assertThat(Checkpoint.read(replica, small.name).orElseThrow().resumeAfter()).isEqualTo(beforeBig.toBytes());

            for (int i = 3; i < chunks.size(); i++) {
                small.appendRaw(chunks.get(i));
            }
            small.appendRecord(TestStream.put(other, 4, "o4", "v"));
            try (Replayer replayer = small.replayer(replica).build()) {
                assertThat(replayer.resumedAfter()).contains(beforeBig);
                // The other producer's records read again are duplicates: only the big record and o4 apply.
                assertThat(replayer.catchUp()).isEqualTo(2);
            }
            assertThat(replica.get(bytes("big"))).hasSize(1_000);
            assertThat(Keyspace.countUserKeys(replica)).isEqualTo(6);
            assertThat(Checkpoint.read(replica, small.name).orElseThrow().resumeAfter())
                    .isEqualTo(small.log.newConsumer().endPosition().orElseThrow().toBytes());
        }
    }

    @Test
    void ops_go_to_the_store_in_record_order_within_a_batch() {
        UUID producer = UUID.randomUUID();
        stream.appendRecord(ChangeRecord.batch(producer, 0, 1, List.of(
                Op.put(bytes("a"), bytes("1")), Op.delete(bytes("a")), Op.put(bytes("b"), bytes("1")),
                Op.put(bytes("b"), bytes("2")))));
        try (Database replica = MemoryDatabase.open(); Replayer replayer = stream.replayer(replica).build()) {
            replayer.catchUp();
            assertThat(replica.has(bytes("a"))).isFalse();
            assertThat(replica.get(bytes("b"))).isEqualTo(bytes("2"));
        }
    }
}
