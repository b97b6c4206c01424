package org.ethercattle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ethercattle.api.Database;
import org.ethercattle.api.Logs;
import org.ethercattle.api.Stores;
import org.ethercattle.api.log.LogProducer;
import org.ethercattle.api.record.ChangeRecord;
import org.ethercattle.api.record.Op;
import org.ethercattle.core.Keyspace;
import org.ethercattle.core.capture.CapturingDatabase;
import org.ethercattle.core.memory.MemoryDatabase;
import org.ethercattle.ethereum.ethercattle.EtherCattleCodec;
import org.ethercattle.ethereum.ethercattle.EtherCattleMessages;
import org.ethercattle.ethereum.workload.GethBlock;
import org.ethercattle.ethereum.workload.GethWorkload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cattle replica --codec ethercattle} in its own JVM is SIGKILLed while a batch of the original
 * format has some of its fragments in the log but not its commit (another master's fragments and heartbeats
 * interleaved with the first master's blocks); restarted after the commit arrived, it must end with the
 * whole batch and exactly the keyspace both masters wrote. Runs over the file log: the cli module, where
 * the {@code cattle} command lives, has no Kafka broker in its tests (log-kafka cannot depend on the cli,
 * which depends on it); {@code EtherCattleKafkaTest} in log-kafka runs the same interleaving through Kafka
 * in one JVM.
 */
class EtherCattleReplicaCrashTest {

    private static final EtherCattleCodec CODEC = new EtherCattleCodec();

    @TempDir
    Path dir;

    private final List<CattleProcess> started = new ArrayList<>();
    private final Database expected = MemoryDatabase.open();

    @AfterEach
    void killLeftovers() throws InterruptedException {
        for (CattleProcess process : started) {
            process.process().destroyForcibly();
            process.process().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    @DisplayName("a replica SIGKILLed between a batch's fragments and its commit applies the whole batch after restart")
    void sigkill_between_fragments_and_commit_loses_nothing() throws Exception {
        String log = "file:" + dir.resolve("log");
        String store = "rocksdb:" + dir.resolve("replica");
        GethWorkload workload = new GethWorkload(0xEC);
        List<Op> pendingOps = otherMastersOps(200);
        List<byte[]> pending = CODEC.encode(batch(pendingOps), 1 << 20);
        int half = pending.size() / 2;

        try (CapturingDatabase master = new CapturingDatabase(MemoryDatabase.open(), Logs.openProducer(log), CODEC);
                LogProducer other = Logs.openProducer(log)) {
            for (int i = 0; i < 30; i++) {
                write(master, workload.nextBlock());
            }
            master.flush();
            for (int i = 0; i < half; i++) {
                other.append(pending.get(i)).join();
                if (i % 25 == 0) {
                    other.append(EtherCattleMessages.heartbeat()).join();
                    write(master, workload.nextBlock());
                    master.flush();
                }
            }
            master.heartbeat();
            master.flush();

            CattleProcess first = replica(store, log, "first.out");
            first.awaitOutput("replica: following the log", 300);
            first.process().destroyForcibly(); // SIGKILL
            assertThat(first.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(first.process().exitValue()).as("killed by SIGKILL").isEqualTo(137);
            try (Database replica = Stores.open(store)) {
                assertThat(replica.get(pendingOps.get(1).key())).as("nothing of the uncommitted batch").isNull();
                assertThat(Keyspace.countUserKeys(replica)).isPositive();
            }

            for (int i = half; i < pending.size(); i++) {
                other.append(pending.get(i)).join();
            }
            apply(expected, pendingOps);
            for (int i = 0; i < 5; i++) {
                write(master, workload.nextBlock());
            }
            master.flush();
        }

        CattleProcess second = replica(store, log, "second.out", "--exit-when-caught-up");
        assertThat(second.process().waitFor(300, TimeUnit.SECONDS)).as("second life exits").isTrue();
        assertThat(second.process().exitValue()).as(second.output()).isZero();
        try (Database replica = Stores.open(store)) {
            assertThat(Keyspace.firstDifference(expected, replica)).isEmpty();
        }
    }

    private CattleProcess replica(String store, String log, String output, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("replica", "--store", store, "--log", log, "--codec",
                "ethercattle", "--max-batch-bytes", "256k"));
        args.addAll(List.of(extra));
        CattleProcess process = CattleProcess.start(dir.resolve(output), args.toArray(String[]::new));
        started.add(process);
        return process;
    }

    private void write(CapturingDatabase master, GethBlock block) {
        block.writeTo(master);
        apply(expected, block.ops());
    }

    private static List<Op> otherMastersOps(int count) {
        List<Op> ops = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ops.add(Op.put(("other/" + i).getBytes(StandardCharsets.US_ASCII),
                    ("value " + i).getBytes(StandardCharsets.US_ASCII)));
        }
        return ops;
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
}
