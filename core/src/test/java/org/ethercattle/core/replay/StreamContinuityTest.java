package org.ethercattle.core.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ethercattle.core.replay.TestStream.bytes;

import java.time.Duration;
import java.util.UUID;
import org.ethercattle.api.Database;
import org.ethercattle.api.replay.HeadGuard;
import org.ethercattle.core.Keyspace;
import org.ethercattle.core.capture.CapturingDatabase;
import org.ethercattle.core.memory.MemoryDatabase;
import org.ethercattle.core.memory.MemoryLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A replica never reports caught up with a hole: the three continuity rules and the new-producer rule. */
class StreamContinuityTest {

    private final String name = "continuity-" + UUID.randomUUID();

    @AfterEach
    void discard() {
        MemoryLog.discard(name);
        MemoryLog.discard(name + "-other");
    }

    private static Replayer.Builder replayer(Database store, MemoryLog log) {
        return Replayer.builder(store, log.newConsumer()).codec(TestStream.CODEC).headGuard(HeadGuard.none())
                .pollTimeout(Duration.ofMillis(5));
    }

    private static CapturingDatabase master(MemoryLog log) {
        return new CapturingDatabase(MemoryDatabase.open(), log.newProducer(), TestStream.CODEC);
    }

    @Test
    void a_store_replayed_from_one_stream_is_not_replayed_from_another() {
        MemoryLog first = MemoryLog.open(name);
        MemoryLog other = MemoryLog.open(name + "-other");
        try (CapturingDatabase a = master(first); CapturingDatabase b = master(other);
                Database replica = MemoryDatabase.open()) {
            a.put(bytes("from"), bytes("a"));
            b.put(bytes("from"), bytes("b"));
            try (Replayer replayer = replayer(replica, first).build()) {
                replayer.catchUp();
            }
            byte[] before = Keyspace.digest(replica);
            assertThatThrownBy(() -> replayer(replica, other).build())
                    .isInstanceOf(StreamContinuityException.class)
                    .hasMessageContaining("replayed from stream " + name + ", not from stream " + name + "-other")
                    .hasMessageContaining("empty store");
            assertThat(Keyspace.digest(replica)).isEqualTo(before);
            assertThat(replica.get(bytes("from"))).isEqualTo(bytes("a"));
        }
    }

    @Test
    void a_replica_without_a_checkpoint_refuses_a_log_whose_beginning_expired_and_starts_when_seeded() {
        MemoryLog log = MemoryLog.open(name, null, 5L);
        try (CapturingDatabase master = master(log); Database replica = MemoryDatabase.open()) {
            for (int i = 0; i < 12; i++) {
                master.put(bytes("k" + i), bytes("v" + i));
            }
            assertThat(log.newConsumer().expiredEntries()).hasValue(7);
            try (Replayer replayer = replayer(replica, log).build()) {
                assertThatThrownBy(replayer::catchUp).isInstanceOf(StreamContinuityException.class)
                        .hasMessageContaining("no longer holds its first 7 entries")
                        .hasMessageContaining("--seeded-at");
                assertThat(replayer.stats().failure()).isInstanceOf(StreamContinuityException.class);
            }
            assertThat(Keyspace.countUserKeys(replica)).isZero();
            assertThat(Checkpoint.read(replica, name)).isEmpty();

            // A copy of the master's store taken when entry 6 was the newest, declared as such.
            for (int i = 0; i < 7; i++) {
                replica.put(bytes("k" + i), bytes("v" + i));
            }
            try (Replayer replayer = replayer(replica, log).seededAt(6).build()) {
                assertThat(replayer.catchUp()).isEqualTo(5);
            }
            assertThat(Keyspace.firstDifference(master, replica)).isEmpty();
        }
    }

    /**
     * Replays 10 entries into {@code replica}; then the log loses its tail and comes back with only its first
     * 6 entries, as after a crash that took the last 4 (recreated under the same name, so the stream id stays).
     */
    private MemoryLog replicaAheadOfItsRewoundLog(Database replica) {
        MemoryLog log = MemoryLog.open(name);
        writeTo(log, 10);
        try (Replayer replayer = replayer(replica, log).build()) {
            assertThat(replayer.catchUp()).isEqualTo(10);
        }
        MemoryLog.discard(name);
        MemoryLog rewound = MemoryLog.open(name);
        writeTo(rewound, 6);
        return rewound;
    }

    /** A master writing k0..k(n-1), one entry each, then closed. */
    private static void writeTo(MemoryLog log, int n) {
        try (CapturingDatabase master = master(log)) {
            for (int i = 0; i < n; i++) {
                master.put(bytes("k" + i), bytes("v" + i));
            }
        }
    }

    @Test
    void a_replica_refuses_a_log_that_ends_before_what_it_applied() {
        try (Database replica = MemoryDatabase.open()) {
            MemoryLog rewound = replicaAheadOfItsRewoundLog(replica);
            byte[] before = Keyspace.digest(replica);
            try (Replayer replayer = replayer(replica, rewound).build()) {
                assertThatThrownBy(replayer::catchUp).isInstanceOf(StreamContinuityException.class)
                        .hasMessageContaining("ends at memory:" + name + "@5, before memory:" + name + "@9")
                        .hasMessageContaining("lost entries the replica already applied");
            }
            assertThat(Keyspace.digest(replica)).isEqualTo(before);
        }
    }

    @Test
    void a_lost_tail_written_over_by_a_restarted_master_is_a_gap_not_a_skip() {
        try (Database replica = MemoryDatabase.open()) {
            MemoryLog rewound = replicaAheadOfItsRewoundLog(replica);
            // A restarted master (a new producer, from sequence 0) appends 8 records, so the log reaches past
            // the replica's checkpoint again. Without the rule the replica would resume after entry 9 and
            // skip the new master's first 4 records for good.
            try (CapturingDatabase restarted = master(rewound)) {
                for (int i = 0; i < 8; i++) {
                    restarted.put(bytes("new" + i), bytes("n" + i));
                }
            }
            try (Replayer replayer = replayer(replica, rewound).build()) {
                assertThatThrownBy(replayer::catchUp).isInstanceOf(SequenceGapException.class)
                        .hasMessageContaining("expected 0").hasMessageContaining("records 0..3 are missing");
            }
            assertThat(replica.get(bytes("new4"))).isNull();
        }
    }
}
