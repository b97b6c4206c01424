package org.ethercattle.log.kafka.ethercattle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.ethercattle.api.Database;
import org.ethercattle.api.Logs;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.log.LogProducer;
import org.ethercattle.api.record.ChangeRecord;
import org.ethercattle.api.record.Op;
import org.ethercattle.core.Keyspace;
import org.ethercattle.core.capture.CapturingDatabase;
import org.ethercattle.core.guard.SeenValueGuard;
import org.ethercattle.core.memory.MemoryDatabase;
import org.ethercattle.core.replay.Replayer;
import org.ethercattle.ethereum.ethercattle.EtherCattleCodec;
import org.ethercattle.ethereum.ethercattle.EtherCattleFormat;
import org.ethercattle.ethereum.ethercattle.EtherCattleMessages;
import org.ethercattle.ethereum.ethercattle.EtherCattleOffsetKey;
import org.ethercattle.ethereum.guard.GethHeadKeys;
import org.ethercattle.ethereum.workload.GethBlock;
import org.ethercattle.ethereum.workload.GethWorkload;
import org.ethercattle.brokers.KafkaBroker;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A Cattle master writing the original Ether Cattle format to a real Kafka broker (the test JVM's shared
 * KRaft broker), a second master's batches whose fragments interleave with the first one's and with
 * heartbeats, and Cattle replicas reading the topic, one of them stopped while a batch waits for its
 * commit. Every replica must end with exactly the keyspace both masters wrote.
 */
class EtherCattleKafkaTest {

    private static final EtherCattleCodec CODEC = new EtherCattleCodec();

    private final String topic = "ethercattle-" + UUID.randomUUID();
    private final String spec = "kafka://" + KafkaBroker.shared().bootstrapServers() + "/" + topic
            + "?maxMessageBytes=" + EtherCattleFormat.MAX_MESSAGE_BYTES;

    /** What both masters wrote, applied in commit order: the keyspace every replica must end with. */
    private final Database expected = MemoryDatabase.open();

    @Test
    @DisplayName("a replica of a topic written by two interleaving masters with heartbeats, stopped between a batch's"
            + " fragments and its commit, ends with both masters' keyspace")
    void replicas_end_equal_to_the_masters() {
        GethWorkload workload = new GethWorkload(0xEC);
        Database replicaStore = MemoryDatabase.open();
        Database masterStore = MemoryDatabase.open();
        try (CapturingDatabase master = new CapturingDatabase(masterStore, Logs.openProducer(spec), CODEC);
                LogProducer other = Logs.openProducer(spec);
                LogProducer first = Logs.openProducer(spec)) {
            // The first master writes whole blocks (fragments + commit each), single puts and deletes.
            for (int i = 0; i < 20; i++) {
                write(master, workload.nextBlock());
            }
            master.put(ascii("single"), ascii("put"));
            expected.put(ascii("single"), ascii("put"));
            master.delete(ascii("single"));
            expected.delete(ascii("single"));
            master.heartbeat();
            master.flush();

            // Batches of two masters interleave fragment by fragment, with heartbeats in between.
            // The first master's messages are made as CapturingDatabase makes them (codec.encode), so they can be
            // appended one at a time between the other master's.
            GethBlock blockA = workload.nextBlock();
            List<byte[]> a = CODEC.encode(batch(blockA.ops()), EtherCattleFormat.MAX_MESSAGE_BYTES);
            List<Op> bOps = otherMastersOps("b", 30);
            List<byte[]> b = CODEC.encode(batch(bOps), EtherCattleFormat.MAX_MESSAGE_BYTES);
            interleave(first, a, other, b);
            apply(expected, blockA.ops());
            apply(masterStore, blockA.ops());
            apply(expected, bOps);

            // The other master's batch C is half sent when the replica checkpoints and dies.
            List<Op> cOps = otherMastersOps("c", 40);
            List<byte[]> c = CODEC.encode(batch(cOps), EtherCattleFormat.MAX_MESSAGE_BYTES);
            int half = c.size() / 2;
            appendAll(other, c.subList(0, half));
            append(other, EtherCattleMessages.heartbeat());
            for (int i = 0; i < 5; i++) {
                write(master, workload.nextBlock());
            }
            master.flush();

            try (LogConsumer consumer = Logs.openConsumer(spec);
                    Replayer replayer = replicaOf(replicaStore, consumer).build()) {
                assertThat(replayer.catchUp()).isPositive();
            }
            assertThat(replicaStore.get(cOps.get(0).key())).as("nothing of the uncommitted batch").isNull();
            assertThat(EtherCattleOffsetKey.forTopic(topic).lastApplied(replicaStore)).isPresent();

            // The rest of C and its commit arrive, and the first master goes on.
            appendAll(other, c.subList(half, c.size()));
            apply(expected, cOps);
            for (int i = 0; i < 5; i++) {
                write(master, workload.nextBlock());
            }
            master.heartbeat();
            master.flush();
            assertThat(Keyspace.firstDifference(masterPart(), masterStore)).as("the expected model").isEmpty();
        }

        try (LogConsumer consumer = Logs.openConsumer(spec);
                Replayer replayer = replicaOf(replicaStore, consumer).build()) {
            replayer.catchUp();
        }
        Database fresh = MemoryDatabase.open();
        try (LogConsumer consumer = Logs.openConsumer(spec); Replayer replayer = replicaOf(fresh, consumer).build()) {
            replayer.catchUp();
        }

        replicaStore.delete(EtherCattleOffsetKey.forTopic(topic).key());
        fresh.delete(EtherCattleOffsetKey.forTopic(topic).key());
        assertThat(Keyspace.firstDifference(expected, replicaStore)).as("restarted replica").isEmpty();
        assertThat(Keyspace.firstDifference(expected, fresh)).as("replica from the log's start").isEmpty();
        assertThat(Keyspace.countUserKeys(expected)).isGreaterThan(1000);
    }

    /** The first master's own store: what {@link #expected} holds outside the other master's keys. */
    private Database masterPart() {
        Database part = MemoryDatabase.open();
        try (var cursor = expected.cursor()) {
            while (cursor.next()) {
                if (!new String(cursor.key(), StandardCharsets.ISO_8859_1).startsWith("other/")) {
                    part.put(cursor.key(), cursor.value());
                }
            }
        }
        return part;
    }

    private Replayer.Builder replicaOf(Database store, LogConsumer consumer) {
        return Replayer.builder(store, consumer)
                .codec(CODEC)
                .headGuard(new SeenValueGuard(GethHeadKeys.ETHER_CATTLE))
                .mirrorCheckpoint(EtherCattleOffsetKey.forTopic(topic))
                .maxBatchBytes(64 << 10)
                .pollTimeout(Duration.ofMillis(200));
    }

    private void write(CapturingDatabase master, GethBlock block) {
        block.writeTo(master);
        apply(expected, block.ops());
    }

    private static List<Op> otherMastersOps(String batch, int count) {
        List<Op> ops = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ops.add(Op.put(ascii("other/" + batch + "/" + i), ascii("value " + i + " of " + batch)));
        }
        ops.add(Op.delete(ascii("other/" + batch + "/0")));
        return ops;
    }

    /** Appends a's and b's messages alternately, each acknowledged before the next, with heartbeats. */
    private static void interleave(LogProducer aProducer, List<byte[]> a, LogProducer bProducer, List<byte[]> b) {
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size()) {
                append(aProducer, a.get(i++));
            }
            if (j < b.size()) {
                append(bProducer, b.get(j++));
            }
            if ((i + j) % 7 == 0) {
                append(bProducer, EtherCattleMessages.heartbeat());
            }
        }
    }

    private static void appendAll(LogProducer producer, List<byte[]> messages) {
        for (byte[] message : messages) {
            append(producer, message);
        }
    }

    private static void append(LogProducer producer, byte[] message) {
        producer.append(message).join();
    }

    private static ChangeRecord batch(List<Op> ops) {
        return ChangeRecord.batch(null, ChangeRecord.NO_SEQUENCE, ChangeRecord.NO_TIME, ops);
    }

    private static void apply(Database db, List<Op> ops) {
        try (var batch = db.newBatch()) {
            for (Op op : ops) {
                if (op.type() == Op.Type.PUT) {
                    batch.put(op.key(), op.value());
                } else {
                    batch.delete(op.key());
                }
            }
            batch.write();
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
