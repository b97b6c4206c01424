package org.ethercattle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.ethercattle.api.Database;
import org.ethercattle.api.Logs;
import org.ethercattle.api.Stores;
import org.ethercattle.core.Keyspace;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cattle replica}'s options from a properties file and an @-file, and {@code cattle master}. */
class ReplicaOptionsTest {

    @TempDir
    Path dir;

    private CapturedCattle cattle = new CapturedCattle();

    private int cattle(String... args) {
        cattle = new CapturedCattle();
        return cattle.run(args);
    }

    private String logSpec() {
        return "file:" + dir.resolve("log");
    }

    @Test
    @DisplayName("--config FILE supplies the options; the command line wins over it")
    void configFile() throws Exception {
        Logs.openProducer(logSpec()).close();
        Path config = Files.writeString(dir.resolve("replica.properties"), String.join("\n",
                "# a replica",
                "store = rocksdb:" + dir.resolve("replica"),
                "log = nosuchlog:/overridden/below",
                "max-age = 90s",
                "head-guard = numbers",
                "ready-while-settling = true",
                "exit-when-caught-up = true"));
        int code = cattle("replica", "--config", config.toString(), "--log", logSpec());
        assertThat(code).as("stdout: %s%nstderr: %s", cattle.out(), cattle.err()).isZero();
        assertThat(cattle.out()).contains("replica: store rocksdb:" + dir.resolve("replica"), "caught up");
    }

    @Test
    @DisplayName("an unknown key in --config is a usage error naming the file and the key")
    void unknownConfigKey() throws Exception {
        Path config = Files.writeString(dir.resolve("bad.properties"), "stor = rocksdb:/x\n");
        assertThat(cattle("replica", "--config", config.toString())).isEqualTo(Cattle.EXIT_ERROR);
        assertThat(cattle.err()).contains(config.toString(), "'stor'", "store");
    }

    @Test
    @DisplayName("picocli @-files work too: one argument per line")
    void atFile() throws Exception {
        Logs.openProducer(logSpec()).close();
        Path args = Files.writeString(dir.resolve("replica.args"), String.join("\n",
                "--store", "rocksdb:" + dir.resolve("replica"), "--log", logSpec(), "--exit-when-caught-up"));
        assertThat(cattle("replica", "@" + args)).as("stderr: %s", cattle.err()).isZero();
        assertThat(cattle.out()).contains("caught up");
    }

    @Test
    @DisplayName("a duration without a unit, a bad head guard and a bad --http are usage errors")
    void badValues() {
        assertThat(cattle("replica", "--store", "memory:x", "--log", logSpec(), "--max-age", "90"))
                .isEqualTo(Cattle.EXIT_ERROR);
        assertThat(cattle.err()).contains("--max-age 90: must be a positive duration");
        assertThat(cattle("replica", "--store", "memory:x", "--log", logSpec(), "--head-guard", "maybe"))
                .isEqualTo(Cattle.EXIT_ERROR);
        assertThat(cattle.err()).contains("seen, numbers, none");
        assertThat(cattle("replica", "--store", "memory:x", "--log", logSpec(), "--http", "localhost:http"))
                .isEqualTo(Cattle.EXIT_ERROR);
        assertThat(cattle.err()).contains("127.0.0.1:8080");
    }

    @Test
    @DisplayName("cattle master writes N geth-shaped blocks with heartbeats; a replica of its log equals its store")
    void masterCommand() {
        String master = "rocksdb:" + dir.resolve("master");
        assertThat(cattle("master", "--store", master, "--log", logSpec(), "--blocks", "20", "--rate", "0",
                "--heartbeat", "100ms")).as("stderr: %s", cattle.err()).isZero();
        assertThat(cattle.out()).contains("master: stopped after 20 blocks");
        String replica = "rocksdb:" + dir.resolve("replica");
        assertThat(cattle("replica", "--store", replica, "--log", logSpec(), "--exit-when-caught-up"))
                .as("stderr: %s", cattle.err()).isZero();
        assertThat(cattle.out()).contains("caught up: 20 records applied");
        try (Database m = Stores.open(master); Database r = Stores.open(replica)) {
            assertThat(Keyspace.firstDifference(m, r)).isEmpty();
            assertThat(Keyspace.countUserKeys(r)).isPositive();
        }
    }

    @Test
    @DisplayName("cattle master takes --blocks or --duration, not both")
    void masterLimitsExclusive() {
        assertThat(cattle("master", "--store", "memory:m", "--log", logSpec(), "--blocks", "2", "--duration", "1s"))
                .isEqualTo(Cattle.EXIT_ERROR);
        assertThat(cattle.err()).contains("mutually exclusive");
    }
}
