package org.ethercattle.log.kafka.ethercattle;

import java.nio.file.Path;
import java.time.Duration;
import org.ethercattle.api.Logs;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.core.guard.SeenValueGuard;
import org.ethercattle.core.replay.Replayer;
import org.ethercattle.ethereum.ethercattle.EtherCattleCodec;
import org.ethercattle.ethereum.ethercattle.EtherCattleOffsetKey;
import org.ethercattle.ethereum.guard.GethHeadKeys;

/**
 * A Cattle replica of an ethercattle Kafka topic, run as its own JVM by {@link EtherCattleKafkaCrashTest}:
 * {@code <log spec> <topic> <store file> follow|exit}. Prints {@value #CAUGHT_UP} once caught up, then
 * follows the log until killed ({@code follow}) or exits 0 ({@code exit}).
 */
public final class ReplicaProcessMain {

    static final String CAUGHT_UP = "replica caught up";

    private ReplicaProcessMain() {}

    public static void main(String[] args) {
        String spec = args[0];
        String topic = args[1];
        boolean follow = args[3].equals("follow");
        try (SnapshotFileStore store = SnapshotFileStore.open(Path.of(args[2]));
                LogConsumer consumer = Logs.openConsumer(spec);
                Replayer replayer = Replayer.builder(store, consumer)
                        .codec(new EtherCattleCodec())
                        .headGuard(new SeenValueGuard(GethHeadKeys.ETHER_CATTLE))
                        .fallbackCheckpoint(EtherCattleOffsetKey.forTopic(topic))
                        .mirrorCheckpoint(EtherCattleOffsetKey.forTopic(topic))
                        .maxBatchBytes(64 << 10)
                        .pollTimeout(Duration.ofMillis(200))
                        .build()) {
            long applied = replayer.catchUp();
            System.out.println(CAUGHT_UP + " (" + applied + " records, resumed after "
                    + replayer.resumedAfter().map(Object::toString).orElse("the log's start") + ")");
            System.out.flush();
            if (follow) {
                replayer.run();
            }
        }
    }
}
