package org.ethercattle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.ethercattle.api.Logs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replica that cannot start says why in one line on stderr, exits non-zero, and writes nothing: no store
 * is created when the log is the problem, and the log is never touched.
 */
class ReplicaStartErrorsTest {

    @TempDir
    Path dir;

    private Process other;

    @AfterEach
    void stopOther() throws InterruptedException {
        if (other != null) {
            other.destroyForcibly();
            other.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private CapturedCattle cattle = new CapturedCattle();

    private int cattle(String... args) {
        cattle = new CapturedCattle();
        return cattle.run(args);
    }

    private String oneErrorLine() {
        List<String> lines = cattle.err().lines().toList();
        assertThat(lines).as("stderr").hasSize(1);
        assertThat(lines.get(0)).startsWith("cattle: error: ");
        return lines.get(0);
    }

    private int replicaWithLog(String logSpec) {
        return cattle("replica", "--store", "rocksdb:" + dir.resolve("replica"), "--log", logSpec,
                "--http", "0");
    }

    @Test
    @DisplayName("an unknown log scheme: one line naming it, exit 2, no store created")
    void unknownLogScheme() {
        assertThat(replicaWithLog("nosuchlog:" + dir.resolve("log"))).isEqualTo(Cattle.EXIT_ERROR);
        assertThat(oneErrorLine()).contains("nosuchlog");
        assertThat(dir.resolve("replica")).doesNotExist();
    }

    @Test
    @DisplayName("an unknown log parameter: one line naming it, exit 2, nothing written")
    void badLogParameter() throws IOException {
        Logs.openProducer("file:" + dir.resolve("log")).close();
        List<Path> before = listing(dir.resolve("log"));
        assertThat(replicaWithLog("file:" + dir.resolve("log") + "?bogus=1")).isEqualTo(Cattle.EXIT_ERROR);
        assertThat(oneErrorLine()).contains("bogus");
        assertThat(dir.resolve("replica")).doesNotExist();
        assertThat(listing(dir.resolve("log"))).isEqualTo(before);
    }

    @Test
    @DisplayName("a file: log path that is not a directory: one line naming it, exit 2, no store created")
    void logPathIsAFile() throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("not-a-log"), "hello");
        assertThat(replicaWithLog("file:" + notADirectory)).isEqualTo(Cattle.EXIT_ERROR);
        assertThat(oneErrorLine()).contains(notADirectory.toString());
        assertThat(dir.resolve("replica")).doesNotExist();
        assertThat(Files.readString(notADirectory)).isEqualTo("hello");
    }

    @Test
    @DisplayName("a kafka broker that is not there (a closed port): one line, exit 2, no store created")
    void unreachableKafka() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertThat(replicaWithLog("kafka://127.0.0.1:" + closedPort + "/cattle-test?requestTimeout=2s"))
                .isEqualTo(Cattle.EXIT_ERROR);
        assertThat(oneErrorLine()).contains("127.0.0.1:" + closedPort);
        assertThat(dir.resolve("replica")).doesNotExist();
    }

    @Test
    @DisplayName("a store held by another replica process: one line naming it, exit 2; so is its HTTP port")
    void storeLockedByAnotherProcess() throws Exception {
        String logSpec = "file:" + dir.resolve("log");
        Logs.openProducer(logSpec).close();
        String store = "rocksdb:" + dir.resolve("replica");
        CattleProcess holder = CattleProcess.start(dir.resolve("holder.out"), "replica", "--store", store,
                "--log", logSpec, "--http", "0");
        other = holder.process();
        holder.awaitOutput("replica: serving http://", 60);

        assertThat(cattle("replica", "--store", store, "--log", logSpec, "--http", "0")).isEqualTo(Cattle.EXIT_ERROR);
        assertThat(oneErrorLine()).contains(dir.resolve("replica").toString());

        String holderAddress = HttpProbe.baseUrlIn(holder.output()).substring("http://".length());
        assertThat(cattle("replica", "--store", "rocksdb:" + dir.resolve("second"), "--log", logSpec,
                "--http", holderAddress)).isEqualTo(Cattle.EXIT_ERROR);
        assertThat(oneErrorLine()).contains(holderAddress, "--http");
        assertThat(holder.process().isAlive()).as("the holder is unharmed").isTrue();
    }

    private static List<Path> listing(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.sorted().toList();
        }
    }
}
