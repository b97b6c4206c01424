package org.ethercattle.core.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.ethercattle.api.Batch;
import org.ethercattle.api.Database;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.log.LogProducer;
import org.ethercattle.api.record.CorruptRecordException;
import org.ethercattle.api.replay.ChainHeads;
import org.ethercattle.api.replay.HeadGuard;
import org.ethercattle.core.ForwardingDatabase;
import org.ethercattle.core.capture.CapturingDatabase;
import org.ethercattle.core.codec.NativeCodec;
import org.ethercattle.core.memory.MemoryDatabase;
import org.ethercattle.core.memory.MemoryLog;
import org.ethercattle.core.replay.Replayer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ReplicaMonitorTest {

    private static final NativeCodec CODEC = new NativeCodec();
    private static final ReadinessPolicy POLICY = new ReadinessPolicy(3, Duration.ofSeconds(30));
    /** Two head keys whose values are numbered by a {@code number:<value>} key holding decimal text. */
    private static final ChainHeads HEADS = new ChainHeads() {
        @Override
        public List<byte[]> keys() {
            return List.of(ascii("head-a"), ascii("head-b"));
        }

        @Override
        public Long blockNumber(Database store, byte[] headValue) {
            byte[] number = store.get(numberKey(headValue));
            return number == null ? null : Long.valueOf(new String(number, StandardCharsets.US_ASCII));
        }
    };

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] numberKey(byte[] headValue) {
        byte[] prefix = ascii("number:");
        byte[] key = Arrays.copyOf(prefix, prefix.length + headValue.length);
        System.arraycopy(headValue, 0, key, prefix.length, headValue.length);
        return key;
    }

    private final String name = "monitor-test-" + UUID.randomUUID();
    private final MemoryLog log = MemoryLog.open(name);
    private final Database replica = MemoryDatabase.open();
    private final LogConsumer consumer = log.newConsumer();
    private final LogConsumer probe = log.newConsumer();
    /** The replica host's clock: the real one plus an offset the tests move forward. */
    private final OffsetClock clock = new OffsetClock();

    @AfterEach
    void close() {
        consumer.close();
        probe.close();
        replica.close();
        MemoryLog.discard(name);
    }

    private CapturingDatabase newMaster() {
        return new CapturingDatabase(MemoryDatabase.open(), log.newProducer(), CODEC);
    }

    private Replayer newReplayer() {
        return Replayer.builder(replica, consumer).codec(CODEC).headGuard(HeadGuard.none())
                .pollTimeout(Duration.ofMillis(5)).build();
    }

    private ReplicaMonitor monitor(Replayer replayer, ReadinessPolicy policy) {
        return new ReplicaMonitor(replica, probe, replayer::stats, policy, HEADS, clock);
    }

    private static void writeRecords(Database master, int count) {
        for (int i = 0; i < count; i++) {
            master.put(("key-" + i).getBytes(), ("value-" + i).getBytes());
        }
    }

    @Test
    @DisplayName("syncing until the log end seen at start is applied, then ready; never syncing again")
    void syncingThenReady() {
        try (CapturingDatabase master = newMaster(); Replayer replayer = newReplayer()) {
            writeRecords(master, 10);
            ReplicaMonitor monitor = monitor(replayer, POLICY);
            ReadinessReport before = monitor.readiness();
            assertThat(before.readiness()).isEqualTo(Readiness.SYNCING);
            assertThat(before.lagRecords()).isEqualTo(10L);
            assertThat(monitor.entriesToInitialEnd()).isEqualTo(10L);

            replayer.catchUp();
            ReadinessReport after = monitor.readiness();
            assertThat(after.readiness()).as(after.detail()).isEqualTo(Readiness.READY);
            assertThat(after.lagRecords()).isZero();
            assertThat(after.position()).isEqualTo(before.logEnd());

            writeRecords(master, 10); // behind again, but past the initial end: lagging, not syncing
            monitor.sample();
            assertThat(monitor.readiness().readiness()).isEqualTo(Readiness.LAGGING);
            assertThat(monitor.readiness().lagRecords()).isEqualTo(10L);
            replayer.catchUp();
            assertThat(monitor.readiness().readiness()).isEqualTo(Readiness.READY);
        }
    }

    @Test
    @DisplayName("caught up over a store still doing upkeep its bulk-load mode deferred is settling, not ready,"
            + " until the upkeep ends; lagging still comes first")
    void settlingUntilTheStoresUpkeepEnds() {
        DeferringStore store = new DeferringStore(replica);
        try (CapturingDatabase master = newMaster(); Replayer replayer = newReplayer()) {
            writeRecords(master, 2);
            ReplicaMonitor monitor = new ReplicaMonitor(store, probe, replayer::stats, POLICY, HEADS,
                    clock);
            store.pending = true;
            assertThat(monitor.readiness().readiness()).as("syncing comes first").isEqualTo(Readiness.SYNCING);
            replayer.catchUp();
            ReadinessReport settling = monitor.readiness();
            assertThat(settling.readiness()).isEqualTo(Readiness.SETTLING);
            assertThat(settling.readiness().isReady()).isFalse();
            assertThat(settling.detail()).contains("still merging");

            writeRecords(master, 4);
            monitor.sample();
            assertThat(monitor.readiness().readiness()).isEqualTo(Readiness.LAGGING);
            replayer.catchUp();
            assertThat(monitor.readiness().readiness()).isEqualTo(Readiness.SETTLING);

            ReplicaMonitor serveAtOnce = new ReplicaMonitor(store, probe, replayer::stats,
                    new ReadinessPolicy(3, Duration.ofSeconds(30), false), HEADS, clock);
            assertThat(serveAtOnce.readiness().readiness()).as("a policy that does not wait")
                    .isEqualTo(Readiness.READY);

            store.pending = false;
            assertThat(monitor.readiness().readiness()).isEqualTo(Readiness.READY);
        }
    }

    /** A store whose deferred upkeep the test switches on and off; everything else goes to the replica. */
    private static final class DeferringStore extends ForwardingDatabase {
        volatile boolean pending;

        DeferringStore(Database store) {
            super(store);
        }

        @Override
        public boolean deferredUpkeepPending() {
            return pending;
        }
    }

    @Test
    @DisplayName("within max lag is ready; one entry more is lagging")
    void maxLagIsInclusive() {
        try (CapturingDatabase master = newMaster(); Replayer replayer = newReplayer()) {
            ReplicaMonitor monitor = monitor(replayer, POLICY);
            writeRecords(master, 1);
            replayer.catchUp();
            writeRecords(master, 3);
            monitor.sample();
            assertThat(monitor.readiness().readiness()).isEqualTo(Readiness.READY);
            writeRecords(master, 1);
            monitor.sample();
            assertThat(monitor.readiness().readiness()).isEqualTo(Readiness.LAGGING);
        }
    }

    @Test
    @DisplayName("stale once the newest record is older than max age; a heartbeat makes it ready again")
    void staleUntilAHeartbeat() {
        try (CapturingDatabase master = newMaster(); Replayer replayer = newReplayer()) {
            writeRecords(master, 2);
            ReplicaMonitor monitor = monitor(replayer, POLICY);
            replayer.catchUp();
            assertThat(monitor.readiness().readiness()).isEqualTo(Readiness.READY);

            clock.advance(Duration.ofSeconds(31));
            ReadinessReport stale = monitor.readiness();
            assertThat(stale.readiness()).isEqualTo(Readiness.STALE);
            assertThat(stale.lagSeconds()).isGreaterThan(30);
            assertThat(stale.detail()).contains("older than the limit of 30 s");

            clock.advance(Duration.ofSeconds(-31));
            master.heartbeat(); // the heartbeat carries the master's (real) time
            clock.advance(Duration.ofSeconds(20));
            replayer.catchUp();
            assertThat(monitor.readiness().readiness()).isEqualTo(Readiness.READY);
        }
    }

    @Test
    @DisplayName("an empty log is caught up at once, but stale until a record with a time arrives; max age 0 turns that off")
    void emptyLog() {
        try (Replayer replayer = newReplayer()) {
            log.newProducer().close();
            replayer.catchUp();
            assertThat(monitor(replayer, POLICY).readiness().readiness()).isEqualTo(Readiness.STALE);
            ReplicaMonitor noAge = monitor(replayer, new ReadinessPolicy(3, Duration.ZERO));
            assertThat(noAge.readiness().readiness()).isEqualTo(Readiness.READY);
            assertThat(noAge.initialLogEnd()).isEmpty();
        }
    }

    @Test
    @DisplayName("damage a store check reports makes it store-damaged for good, naming the first damaged part")
    void storeDamagedUntilRestart() {
        try (CapturingDatabase master = newMaster(); Replayer replayer = newReplayer()) {
            writeRecords(master, 3);
            replayer.catchUp();
            ReplicaMonitor monitor = monitor(replayer, POLICY);
            assertThat(monitor.readiness().readiness()).isEqualTo(Readiness.READY);

            monitor.storeDamaged(org.ethercattle.api.VerifyReport.Finding.damage("/db/000012.sst",
                    "block checksum mismatch\n at offset 4096"));
            monitor.storeDamaged(org.ethercattle.api.VerifyReport.Finding.damage("/db/000013.sst", "later"));
            writeRecords(master, 3);
            replayer.catchUp();
            monitor.sample();
            ReadinessReport damaged = monitor.readiness();
            assertThat(damaged.readiness()).isEqualTo(Readiness.STORE_DAMAGED);
            assertThat(damaged.isReady()).isFalse();
            assertThat(damaged.readiness().reason()).isEqualTo("store-damaged");
            assertThat(damaged.detail()).contains("/db/000012.sst").contains("block checksum mismatch")
                    .doesNotContain("000013").doesNotContain("\n").contains("restore it from a snapshot");
            assertThat(monitor.status().readiness().readiness()).isEqualTo(Readiness.STORE_DAMAGED);
        }
    }

    @Test
    @DisplayName("a fatal replay error makes it failed, with the error in the detail")
    void failedAfterACorruptRecord() {
        try (CapturingDatabase master = newMaster(); Replayer replayer = newReplayer();
                LogProducer raw = log.newProducer()) {
            writeRecords(master, 2);
            raw.append(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9}).join();
            ReplicaMonitor monitor = monitor(replayer, POLICY);
            assertThatThrownBy(replayer::catchUp).isInstanceOf(CorruptRecordException.class);
            ReadinessReport failed = monitor.readiness();
            assertThat(failed.readiness()).isEqualTo(Readiness.FAILED);
            assertThat(failed.detail()).startsWith("replay stopped: ");
        }
    }

    @Test
    @DisplayName("status shows the producers seen with their last sequence, and the head keys with their block numbers")
    void statusShowsProducersAndHeads() {
        try (CapturingDatabase master = newMaster(); CapturingDatabase other = newMaster();
                Replayer replayer = newReplayer()) {
            byte[] hash = new byte[32];
            hash[31] = 7;
            try (Batch block = master.newBatch()) {
                block.put(numberKey(hash), ascii("7"));
                block.put(ascii("head-a"), hash);
                block.write();
            }
            master.heartbeat();
            other.put(new byte[] {1}, new byte[] {2});
            ReplicaMonitor monitor = monitor(replayer, POLICY);
            replayer.catchUp();
            monitor.sample();

            ReplicaStatus status = monitor.status();
            assertThat(status.streamId()).isEqualTo(consumer.streamId());
            assertThat(status.producers()).extracting(ProducerStatus::id, ProducerStatus::lastSequence)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple(master.producerId(), 1L),
                            org.assertj.core.groups.Tuple.tuple(other.producerId(), 0L));
            HeadStatus headA = status.heads().stream().filter(h -> h.name().equals("head-a")).findFirst()
                    .orElseThrow();
            assertThat(headA.value()).isEqualTo(hash);
            assertThat(headA.blockNumber()).isEqualTo(7L);
            assertThat(status.heads()).filteredOn(h -> h.name().equals("head-b"))
                    .singleElement().satisfies(h -> assertThat(h.value()).isNull());
            assertThat(status.recordsApplied()).isEqualTo(2);
        }
    }

    /** The system clock shifted by an offset the test controls. */
    private static final class OffsetClock extends Clock {
        private volatile long offsetMillis;

        void advance(Duration d) {
            offsetMillis += d.toMillis();
        }

        @Override
        public long millis() {
            return System.currentTimeMillis() + offsetMillis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis());
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
