package org.ethercattle.core.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ethercattle.core.replay.TestStream.bytes;

import java.util.List;
import org.ethercattle.api.Batch;
import org.ethercattle.api.Database;
import org.ethercattle.api.replay.HeadGuard;
import org.ethercattle.core.capture.CapturingDatabase;
import org.ethercattle.core.guard.SeenValueGuard;
import org.ethercattle.core.memory.MemoryDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two masters write one chain into one log; their head markers must not make the replica's head go back. */
class HeadGuardReplayTest {

    private final TestStream stream = new TestStream();

    @AfterEach
    void discardStream() {
        stream.close();
    }

    private static void writeBlock(Database master, String data, String head) {
        try (Batch batch = master.newBatch()) {
            batch.put(bytes(data), bytes("body of " + data));
            batch.put(bytes("LastBlock"), bytes(head));
            batch.write();
        }
    }

    private Replayer replayer(Database replica, HeadGuard guard) {
        return stream.replayer(replica).headGuard(guard).build();
    }

    @Test
    void a_head_value_already_seen_is_dropped_and_the_rest_of_its_record_applies() {
        try (CapturingDatabase fast = stream.newMaster(); CapturingDatabase slow = stream.newMaster();
                Database replica = MemoryDatabase.open()) {
            writeBlock(fast, "block-1", "h1");
            writeBlock(fast, "block-2", "h2");
            writeBlock(slow, "block-1-again", "h1"); // the slow master catches up with block 1
            try (Replayer replayer = replayer(replica, new SeenValueGuard(List.of(bytes("LastBlock"))))) {
                replayer.catchUp();
                assertThat(replayer.stats().opsApplied()).isEqualTo(5);
            }
            assertThat(replica.get(bytes("LastBlock"))).isEqualTo(bytes("h2"));
            assertThat(replica.get(bytes("block-1-again"))).isEqualTo(bytes("body of block-1-again"));
        }
    }

    @Test
    void the_guard_remembers_seen_heads_across_a_restart() {
        try (CapturingDatabase fast = stream.newMaster(); CapturingDatabase slow = stream.newMaster();
                Database replica = MemoryDatabase.open()) {
            writeBlock(fast, "block-1", "h1");
            writeBlock(fast, "block-2", "h2");
            try (Replayer replayer = replayer(replica, new SeenValueGuard(List.of(bytes("LastBlock"))))) {
                replayer.catchUp();
            }
            writeBlock(slow, "block-1-again", "h1");
            try (Replayer restarted = replayer(replica, new SeenValueGuard(List.of(bytes("LastBlock"))))) {
                assertThat(restarted.resumedAfter()).isPresent();
                restarted.catchUp();
            }
            assertThat(replica.get(bytes("LastBlock"))).isEqualTo(bytes("h2"));
        }
    }

    @Test
    void without_a_guard_the_head_goes_back() {
        try (CapturingDatabase fast = stream.newMaster(); CapturingDatabase slow = stream.newMaster();
                Database replica = MemoryDatabase.open()) {
            writeBlock(fast, "block-1", "h1");
            writeBlock(fast, "block-2", "h2");
            writeBlock(slow, "block-1-again", "h1");
            try (Replayer replayer = replayer(replica, HeadGuard.none())) {
                replayer.catchUp();
            }
            assertThat(replica.get(bytes("LastBlock"))).isEqualTo(bytes("h1"));
        }
    }
}
