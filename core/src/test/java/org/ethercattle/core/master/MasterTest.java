package org.ethercattle.core.master;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.ethercattle.api.Batch;
import org.ethercattle.api.Database;
import org.ethercattle.api.StoreClosedException;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.log.LogEntry;
import org.ethercattle.api.record.ChangeRecord;
import org.ethercattle.api.record.RecordDecoder;
import org.ethercattle.api.replay.HeadGuard;
import org.ethercattle.core.Keyspace;
import org.ethercattle.core.codec.NativeCodec;
import org.ethercattle.core.memory.MemoryDatabase;
import org.ethercattle.core.memory.MemoryLog;
import org.ethercattle.core.replay.Replayer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MasterTest {

    private static final NativeCodec CODEC = new NativeCodec();

    private final String name = "master-test-" + UUID.randomUUID();
    private final MemoryLog log = MemoryLog.open(name);

    @AfterEach
    void discard() {
        MemoryLog.discard(name);
    }

    private List<ChangeRecord> records() {
        List<ChangeRecord> out = new ArrayList<>();
        try (LogConsumer consumer = log.newConsumer()) {
            RecordDecoder decoder = CODEC.newDecoder(null, 1 << 20);
            List<LogEntry> entries;
            while (!(entries = consumer.poll(Duration.ofMillis(20))).isEmpty()) {
                for (LogEntry entry : entries) {
                    out.addAll(decoder.decode(entry));
                }
            }
        }
        return out;
    }

    @Test
    @DisplayName("an idle master appends heartbeats on its own, with its producer id and growing sequences")
    void idleMasterHeartbeats() throws InterruptedException {
        try (MasterDatabase master = Master.wrap(MemoryDatabase.open(), log.newProducer(), CODEC)
                .heartbeatEvery(Duration.ofMillis(20)).start()) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records().size() < 3) {
                if (System.nanoTime() > deadline) {
                    fail("fewer than 3 heartbeats within 30 s");
                }
                Thread.sleep(10);
            }
            List<ChangeRecord> records = records();
            assertThat(records).allSatisfy(r -> {
                assertThat(r.kind()).isEqualTo(ChangeRecord.Kind.HEARTBEAT);
                assertThat(r.producerId()).isEqualTo(master.producerId());
            });
            for (int i = 0; i < records.size(); i++) {
                assertThat(records.get(i).sequence()).isEqualTo(i);
            }
        }
    }

    @Test
    @DisplayName("writes are captured into the log and a replica replaying it ends equal to the master")
    void writesAreCaptured() {
        Database store = MemoryDatabase.open();
        try (MasterDatabase master = Master.wrap(store, log.newProducer(), CODEC)
                .heartbeatEvery(Duration.ZERO).start(); Database replica = MemoryDatabase.open()) {
            master.put(new byte[] {1}, new byte[] {10});
            try (Batch batch = master.newBatch()) {
                batch.put(new byte[] {2}, new byte[] {20});
                batch.delete(new byte[] {1});
                batch.write();
            }
            master.flush();
            try (LogConsumer consumer = log.newConsumer();
                    Replayer replayer = Replayer.builder(replica, consumer).codec(CODEC)
                            .headGuard(HeadGuard.none()).build()) {
                replayer.catchUp();
            }
            assertThat(Keyspace.firstDifference(master, replica)).isEmpty();
            assertThat(records()).hasSize(2).noneMatch(r -> r.kind() == ChangeRecord.Kind.HEARTBEAT);
        }
    }

    @Test
    @DisplayName("close stops heartbeats, flushes and closes the store; closing twice is harmless")
    void closeStopsEverything() throws InterruptedException {
        Database store = MemoryDatabase.open();
        MasterDatabase master = Master.wrap(store, log.newProducer(), CODEC)
                .heartbeatEvery(Duration.ofMillis(5)).start();
        master.put(new byte[] {1}, new byte[] {1});
        master.close();
        int afterClose = records().size();
        Thread.sleep(100); // twenty heartbeat intervals: none may arrive
        assertThat(records()).hasSize(afterClose);
        assertThatThrownBy(() -> store.get(new byte[] {1})).isInstanceOf(StoreClosedException.class);
        assertThatThrownBy(() -> master.put(new byte[] {2}, new byte[] {2})).isInstanceOf(StoreClosedException.class);
        master.close();
    }

    @Test
    @DisplayName("a negative heartbeat interval is refused")
    void negativeIntervalRefused() {
        try (Database store = MemoryDatabase.open(); var producer = log.newProducer()) {
            assertThatThrownBy(() -> Master.wrap(store, producer, CODEC).heartbeatEvery(Duration.ofSeconds(-1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
        }
    }
}
