package org.ethercattle.log.kafka.ethercattle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.ethercattle.api.Database;
import org.ethercattle.api.Logs;
import org.ethercattle.api.log.LogProducer;
import org.ethercattle.api.record.ChangeRecord;
import org.ethercattle.api.record.Op;
import org.ethercattle.core.Keyspace;
import org.ethercattle.core.capture.CapturingDatabase;
import org.ethercattle.core.memory.MemoryDatabase;
import org.ethercattle.ethereum.ethercattle.EtherCattleCodec;
import org.ethercattle.ethereum.ethercattle.EtherCattleFormat;
import org.ethercattle.ethereum.ethercattle.EtherCattleMessages;
import org.ethercattle.ethereum.ethercattle.EtherCattleOffsetKey;
import org.ethercattle.ethereum.workload.GethBlock;
import org.ethercattle.ethereum.workload.GethWorkload;
import org.ethercattle.brokers.KafkaBroker;
import org.ethercattle.tck.ChildJvm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replica process following an ethercattle topic on a real Kafka broker is SIGKILLed while another
 * master's batch has half its fragments in the topic and no commit; restarted after the commit arrived, it
 * ends with the whole batch and exactly the keyspace both masters wrote. The replica is
 * {@link ReplicaProcessMain} in its own JVM over a {@link SnapshotFileStore}: the {@code cattle} command
 * cannot run from this module's tests (the cli depends on log-kafka); the cli's
 * {@code EtherCattleReplicaCrashTest} kills {@code cattle replica --codec ethercattle} over the file log.
 */
class EtherCattleKafkaCrashTest {

    private static final EtherCattleCodec CODEC = new EtherCattleCodec();

    @TempDir
    Path dir;

    private final String topic = "ethercattle-crash-" + UUID.randomUUID();
    private final String spec = "kafka://" + KafkaBroker.shared().bootstrapServers() + "/" + topic
            + "?maxMessageBytes=" + EtherCattleFormat.MAX_MESSAGE_BYTES;
    private final Database expected = MemoryDatabase.open();
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() throws InterruptedException {
        for (Process process : started) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    @DisplayName("a replica process SIGKILLed between a batch's fragments and its commit ends with the whole batch")
    void sigkill_between_fragments_and_commit_loses_nothing() throws Exception {
        Path storeFile = dir.resolve("replica.store");
        GethWorkload workload = new GethWorkload(0xEC);
        List<Op> pendingOps = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            pendingOps.add(Op.put(ascii("other/" + i), ascii("value " + i)));
        }
        List<byte[]> pending = CODEC.encode(ChangeRecord.batch(null, ChangeRecord.NO_SEQUENCE, ChangeRecord.NO_TIME,
                pendingOps), EtherCattleFormat.MAX_MESSAGE_BYTES);
        int half = pending.size() / 2;

        try (CapturingDatabase master = new CapturingDatabase(MemoryDatabase.open(), Logs.openProducer(spec), CODEC);
                LogProducer other = Logs.openProducer(spec)) {
            for (int i = 0; i < 10; i++) {
                write(master, workload.nextBlock());
            }
            master.flush();
            for (int i = 0; i < half; i++) {
                other.append(pending.get(i)).join();
                if (i % 10 == 0) {
                    other.append(EtherCattleMessages.heartbeat()).join();
                    write(master, workload.nextBlock());
                    master.flush();
                }
            }
            master.heartbeat();
            master.flush();

            Path firstOutput = dir.resolve("first.out");
            Process first = replica(storeFile, "follow", firstOutput);
            awaitOutput(first, firstOutput, ReplicaProcessMain.CAUGHT_UP);
            first.destroyForcibly(); // SIGKILL
            assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(first.exitValue()).as("killed by SIGKILL").isEqualTo(137);
            try (Database replica = SnapshotFileStore.open(storeFile)) {
                assertThat(replica.get(pendingOps.get(0).key())).as("nothing of the uncommitted batch").isNull();
                assertThat(Keyspace.countUserKeys(replica)).isPositive();
            }

            for (int i = half; i < pending.size(); i++) {
                other.append(pending.get(i)).join();
            }
            apply(pendingOps);
            for (int i = 0; i < 3; i++) {
                write(master, workload.nextBlock());
            }
            master.flush();
        }

        Path secondOutput = dir.resolve("second.out");
        Process second = replica(storeFile, "exit", secondOutput);
        assertThat(second.waitFor(300, TimeUnit.SECONDS)).as("second life exits").isTrue();
        assertThat(second.exitValue()).as(Files.readString(secondOutput)).isZero();
        assertThat(Files.readString(secondOutput)).as("resumed from the first life's checkpoint")
                .contains("resumed after kafka:" + topic + "@");
        try (Database replica = SnapshotFileStore.open(storeFile)) {
            assertThat(EtherCattleOffsetKey.forTopic(topic).lastApplied(replica)).isPresent();
            replica.delete(EtherCattleOffsetKey.forTopic(topic).key());
            assertThat(Keyspace.firstDifference(expected, replica)).isEmpty();
        }
    }

    private Process replica(Path storeFile, String mode, Path output) throws IOException {
        Process process = ChildJvm.running(ReplicaProcessMain.class).withJvmOptions("-Xmx256m")
                .withArguments(spec, topic, storeFile.toString(), mode)
                .processBuilder().redirectErrorStream(true).redirectOutput(output.toFile()).start();
        started.add(process);
        return process;
    }

    private static void awaitOutput(Process process, Path output, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (!Files.readString(output).contains(text)) {
            if (!process.isAlive()) {
                fail("replica exited with code %d before printing '%s':%n%s", process.exitValue(), text,
                        Files.readString(output));
            }
            if (System.nanoTime() > deadline) {
                fail("replica did not print '%s' within 300 s:%n%s", text, Files.readString(output));
            }
            Thread.sleep(20);
        }
    }

    private void write(CapturingDatabase master, GethBlock block) {
        block.writeTo(master);
        apply(block.ops());
    }

    private void apply(List<Op> ops) {
        try (var batch = expected.newBatch()) {
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
