package org.ethercattle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ethercattle.api.Codecs;
import org.ethercattle.api.Database;
import org.ethercattle.api.Logs;
import org.ethercattle.api.Stores;
import org.ethercattle.core.capture.CapturingDatabase;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which head guard {@code cattle replica} uses when {@code --head-guard} is not given: none for a plain
 * stream (core knows no head keys), geth's seen-value rule for an {@code ethercattle} stream, which is geth's.
 * The log holds {@code LastBlock} = h1, h2, h1, as a leading and a lagging master would write it.
 */
class ReplicaDefaultHeadGuardTest {

    @TempDir
    Path dir;

    private final CapturedCattle cattle = new CapturedCattle();

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Writes the head values into a new file log in {@code codec}; returns the log's spec. */
    private String logWithHeadGoingBack(String codec) {
        String logSpec = "file:" + dir.resolve("log-" + codec);
        try (CapturingDatabase master = new CapturingDatabase(Stores.open("memory:"), Logs.openProducer(logSpec),
                Codecs.get(codec))) {
            for (String head : List.of("h1", "h2", "h1")) {
                master.put(ascii("LastBlock"), ascii(head));
            }
            master.flush();
        }
        return logSpec;
    }

    /** Runs a replica of {@code logSpec} until caught up; returns its {@code LastBlock}. */
    private String replicaHead(String logSpec, String... options) {
        String storeSpec = "rocksdb:" + dir.resolve("replica-" + System.nanoTime());
        List<String> args = new ArrayList<>(List.of("replica", "--store", storeSpec, "--log", logSpec,
                "--exit-when-caught-up"));
        args.addAll(List.of(options));
        assertThat(cattle.run(args.toArray(String[]::new))).as("stdout: %s%nstderr: %s", cattle.out(), cattle.err())
                .isZero();
        try (Database replica = Stores.open(storeSpec)) {
            return new String(replica.get(ascii("LastBlock")), StandardCharsets.US_ASCII);
        }
    }

    @Test
    @DisplayName("a plain replica guards no head key: every head write applies, the last one wins")
    void plainReplicaHasNoGuard() {
        assertThat(replicaHead(logWithHeadGoingBack("cattle"))).isEqualTo("h1");
    }

    @Test
    @DisplayName("--head-guard seen on a plain stream guards geth's head keys")
    void seenGuardOnRequest() {
        assertThat(replicaHead(logWithHeadGoingBack("cattle"), "--head-guard", "seen")).isEqualTo("h2");
    }

    @Test
    @DisplayName("a replica of an ethercattle stream gets geth's seen-value guard by default, and none on request")
    void etherCattleReplicaGuardsGethHeads() {
        String logSpec = logWithHeadGoingBack("ethercattle");
        assertThat(replicaHead(logSpec, "--codec", "ethercattle")).isEqualTo("h2");
        assertThat(replicaHead(logSpec, "--codec", "ethercattle", "--head-guard", "none")).isEqualTo("h1");
    }
}
