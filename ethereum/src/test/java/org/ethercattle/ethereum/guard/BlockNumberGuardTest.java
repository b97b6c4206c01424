package org.ethercattle.ethereum.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import org.ethercattle.api.Batch;
import org.ethercattle.api.Database;
import org.ethercattle.api.replay.HeadGuard;
import org.ethercattle.core.capture.CapturingDatabase;
import org.ethercattle.core.codec.NativeCodec;
import org.ethercattle.core.guard.SeenValueGuard;
import org.ethercattle.core.memory.MemoryDatabase;
import org.ethercattle.core.memory.MemoryLog;
import org.ethercattle.core.replay.Replayer;
import org.ethercattle.ethereum.workload.GethKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BlockNumberGuardTest {

    private static final NativeCodec CODEC = new NativeCodec();
    private static final byte[] LAST_BLOCK = GethKeys.headMarker(GethKeys.LAST_BLOCK);

    private final String name = "block-number-guard-" + UUID.randomUUID();
    private final MemoryLog log = MemoryLog.open(name);

    @AfterEach
    void discard() {
        MemoryLog.discard(name);
    }

    private CapturingDatabase newMaster() {
        return new CapturingDatabase(MemoryDatabase.open(), log.newProducer(), CODEC);
    }

    private static byte[] hash(long number) {
        byte[] h = new byte[GethKeys.HASH_LENGTH];
        h[0] = (byte) 0xB1;
        System.arraycopy(GethKeys.encodeNumber(number), 0, h, 24, 8);
        return h;
    }

    /** Writes blocks {@code from..to} (their {@code 'H'} keys) and points the head at {@code to} only. */
    private static void writeBlocksWithHead(Database master, long from, long to) {
        try (Batch batch = master.newBatch()) {
            for (long n = from; n <= to; n++) {
                batch.put(GethKeys.headerNumber(hash(n)), GethKeys.encodeNumber(n));
            }
            batch.put(LAST_BLOCK, hash(to));
            batch.write();
        }
    }

    private static void writeHead(Database master, long number) {
        try (Batch batch = master.newBatch()) {
            batch.put(GethKeys.headerNumber(hash(number)), GethKeys.encodeNumber(number));
            batch.put(LAST_BLOCK, hash(number));
            batch.write();
        }
    }

    private void replay(Database replica, HeadGuard guard) {
        try (Replayer replayer = Replayer.builder(replica, log.newConsumer()).codec(CODEC).headGuard(guard)
                .pollTimeout(Duration.ofMillis(5)).build()) {
            replayer.catchUp();
        }
    }

    private static Long headNumber(Database replica) {
        return BlockNumberGuard.numberOf(replica, replica.get(LAST_BLOCK));
    }

    @Test
    @DisplayName("a lagging master's head that was never seen but is older is dropped; the seen-value rule lets it through")
    void neverSeenOlderHead() {
        try (CapturingDatabase leader = newMaster(); CapturingDatabase lagging = newMaster();
                Database seenValues = MemoryDatabase.open(); Database numbers = MemoryDatabase.open()) {
            writeBlocksWithHead(leader, 1, 3); // the leader's head jumps to 3; heads 1 and 2 never appear
            writeHead(lagging, 2);             // the lagging master now reports block 2 as its head

            replay(seenValues, new SeenValueGuard(GethHeadKeys.DEFAULT));
            replay(numbers, new BlockNumberGuard(GethHeadKeys.DEFAULT));

            assertThat(headNumber(seenValues)).as("seen-value rule: the head moved back").isEqualTo(2L);
            assertThat(headNumber(numbers)).as("block-number rule: the head stays").isEqualTo(3L);
            // the rest of the dropped head's record still applies
            assertThat(numbers.get(GethKeys.headerNumber(hash(2)))).isEqualTo(GethKeys.encodeNumber(2));
        }
    }

    @Test
    @DisplayName("the current head comes back from the store after a restart, so an older head is still refused")
    void restartRemembersTheHeadThroughTheStore() {
        try (CapturingDatabase leader = newMaster(); CapturingDatabase lagging = newMaster();
                Database replica = MemoryDatabase.open()) {
            writeBlocksWithHead(leader, 1, 5);
            replay(replica, new BlockNumberGuard(GethHeadKeys.DEFAULT));
            writeHead(lagging, 4);
            replay(replica, new BlockNumberGuard(GethHeadKeys.DEFAULT));
            assertThat(headNumber(replica)).isEqualTo(5L);
        }
    }

    @Test
    @DisplayName("higher and equal block numbers move the head; the number may come from an earlier batch in the store")
    void higherAndEqualNumbersPass() {
        try (CapturingDatabase master = newMaster(); Database replica = MemoryDatabase.open()) {
            writeBlocksWithHead(master, 1, 2);
            replay(replica, new BlockNumberGuard(GethHeadKeys.DEFAULT));
            try (Batch reorg = master.newBatch()) { // a sibling of block 2: same number, another hash
                byte[] sibling = hash(2);
                sibling[1] = 1;
                reorg.put(GethKeys.headerNumber(sibling), GethKeys.encodeNumber(2));
                reorg.put(LAST_BLOCK, sibling);
                reorg.write();
            }
            replay(replica, new BlockNumberGuard(GethHeadKeys.DEFAULT));
            assertThat(replica.get(LAST_BLOCK)[1]).as("the sibling at the same height is the head").isEqualTo((byte) 1);
            writeBlocksWithHead(master, 3, 3);
            master.put(LAST_BLOCK, hash(1)); // block 1's number is only in the store, from the first replay
            replay(replica, new BlockNumberGuard(GethHeadKeys.DEFAULT));
            assertThat(headNumber(replica)).isEqualTo(3L);
        }
    }

    @Test
    @DisplayName("a head whose number is unknown (no 'H' key) is admitted: the guard cannot judge it")
    void unknownNumberIsAdmitted() {
        try (CapturingDatabase master = newMaster(); Database replica = MemoryDatabase.open()) {
            writeBlocksWithHead(master, 1, 3);
            master.put(LAST_BLOCK, new byte[] {1, 2, 3});
            replay(replica, new BlockNumberGuard(GethHeadKeys.DEFAULT));
            assertThat(replica.get(LAST_BLOCK)).containsExactly(1, 2, 3);
            assertThat(headNumber(replica)).isNull();
        }
    }
}
