package org.ethercattle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.ethercattle.api.Database;
import org.ethercattle.api.Logs;
import org.ethercattle.api.Stores;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CattleCommandTest {

    @TempDir
    Path dir;

    private CapturedCattle cattle = new CapturedCattle();

    private int cattle(String... args) {
        cattle = new CapturedCattle();
        return cattle.run(args);
    }

    @Test
    @DisplayName("providers lists the stores, logs and codecs on the classpath")
    void listsProviders() {
        assertThat(cattle("providers")).isZero();
        assertThat(cattle.out())
                .contains("stores", "rocksdb", "memory")
                .contains("logs", "file")
                .contains("codecs", "cattle");
        // Each provider names the jar (or, in a build's own tests, the classes directory) it was loaded from.
        assertThat(cattle.out().lines().filter(line -> line.startsWith("  rocksdb ")).findFirst().orElseThrow())
                .matches("  rocksdb +.* \\(from .*(cattle-store-rocksdb-[^/]*\\.jar|store-rocksdb/target[^/]*/classes)\\)");
    }

    @Test
    @DisplayName("an unknown store scheme is one line on stderr naming the scheme, exit code 2")
    void unknownSchemeIsOneLine() {
        int code = cattle("replica", "--store", "nosuchstore:" + dir, "--log", "file:" + dir.resolve("log"));
        assertThat(code).isEqualTo(Cattle.EXIT_ERROR);
        assertThat(cattle.err().lines()).hasSize(1).first().asString()
                .startsWith("cattle: error: ")
                .contains("nosuchstore")
                .doesNotContain("Exception");
    }

    @Test
    @DisplayName("--verbose adds the stack trace to the error line")
    void verboseShowsStackTrace() {
        int code = cattle("replica", "--verbose", "--store", "nosuchstore:" + dir, "--log", "file:" + dir);
        assertThat(code).isEqualTo(Cattle.EXIT_ERROR);
        assertThat(cattle.err()).startsWith("cattle: error: ").contains("\tat org.ethercattle.");
    }

    @Test
    @DisplayName("a store locked by another user is one line on stderr, exit code 2")
    void lockedStoreIsOneLine() {
        String store = "rocksdb:" + dir.resolve("locked");
        Logs.openProducer("file:" + dir.resolve("log")).close(); // the log is fine: the store is the problem
        try (Database holder = Stores.open(store)) {
            assertThat(holder.get(new byte[] {1})).isNull();
            int code = cattle("replica", "--store", store, "--log", "file:" + dir.resolve("log"),
                    "--exit-when-caught-up");
            assertThat(code).isEqualTo(Cattle.EXIT_ERROR);
            assertThat(cattle.err().lines()).hasSize(1).first().asString().contains(dir.resolve("locked").toString());
        }
    }

    @Test
    @DisplayName("a missing required option is a usage error, exit code 2")
    void missingOptionIsUsageError() {
        assertThat(cattle("replica", "--store", "memory:x")).isEqualTo(Cattle.EXIT_ERROR);
        assertThat(cattle.err()).contains("--log");
    }

    @Test
    @DisplayName("replica --exit-when-caught-up on an empty log exits 0")
    void replicaOfEmptyLogExits() {
        Logs.openProducer("file:" + dir.resolve("log")).close(); // a producer creates the log
        int code = cattle("replica", "--store", "rocksdb:" + dir.resolve("replica"), "--log",
                "file:" + dir.resolve("log"), "--exit-when-caught-up");
        assertThat(code).as("stderr: %s", cattle.err()).isZero();
        assertThat(cattle.out()).contains("caught up");
    }

    @Test
    @DisplayName("a small demo ends with every replica equal to the master")
    void demoReplicasMatch() {
        int code = cattle("demo", "--dir", dir.toString(), "--blocks", "60", "--replicas", "2");
        assertThat(code).as("stdout: %s%nstderr: %s", cattle.out(), cattle.err()).isZero();
        assertThat(cattle.out())
                .contains("replica-1: keyspace equals the master's")
                .contains("replica-2: keyspace equals the master's");
    }
}
