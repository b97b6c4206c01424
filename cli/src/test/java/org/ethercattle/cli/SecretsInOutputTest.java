package org.ethercattle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands never print a secret given in a spec: not in their startup lines, not in their error lines.
 * The log is {@link SecretMemoryLogProvider}, a memory log behind a password, so the full startup path runs.
 */
class SecretsInOutputTest {

    private static final String PASSWORD = SecretMemoryLogProvider.PASSWORD;
    private static final String TOKEN = "t0ken-8f1e";
    private static final String USER_INFO_PASSWORD = "s3cret-in-url";

    @TempDir
    Path dir;

    private final CapturedCattle cattle = new CapturedCattle();

    private static String secretLog() {
        return "secretmemory://cattle:" + USER_INFO_PASSWORD + "@vault/" + UUID.randomUUID() + "?password=" + PASSWORD
                + "&token=" + TOKEN;
    }

    private void assertNoSecretPrinted() {
        assertThat(cattle.out() + cattle.err()).doesNotContain(PASSWORD).doesNotContain(TOKEN)
                .doesNotContain(USER_INFO_PASSWORD).doesNotContain("hunter2");
    }

    @Test
    @DisplayName("master and replica startup lines show the log spec with its password, token and user-info masked")
    void startupLinesMasked() {
        String log = secretLog();
        assertThat(cattle.run("master", "--store", "memory:" + UUID.randomUUID(), "--log", log, "--blocks", "3",
                "--rate", "0", "--heartbeat", "0s")).as("stderr: %s", cattle.err()).isZero();
        assertThat(cattle.run("replica", "--store", "rocksdb:" + dir.resolve("replica"), "--log", log,
                "--exit-when-caught-up")).as("stderr: %s", cattle.err()).isZero();
        assertThat(cattle.out())
                .contains("master: store memory:", "replica: store rocksdb:", "caught up: 3 records applied")
                .contains("secretmemory://cattle:***@vault/", "password=***", "token=***");
        assertNoSecretPrinted();
    }

    @Test
    @DisplayName("a wrong password fails in one line that shows none of the spec's secrets")
    void authenticationErrorMasked() {
        String log = secretLog().replace(PASSWORD, "hunter2-wrong");
        assertThat(cattle.run("replica", "--store", "memory:r", "--log", log)).isEqualTo(Cattle.EXIT_ERROR);
        assertThat(cattle.err()).contains("authentication failed", "password=***").doesNotContain("hunter2-wrong");
        assertNoSecretPrinted();
    }

    @Test
    @DisplayName("a misspelled secret parameter is named in the error, its value is not shown")
    void misspelledSecretNotEchoed() {
        assertThat(cattle.run("master", "--store", "memory:m", "--log", "file:" + dir.resolve("log")
                + "?pasword=hunter2&fsync=always")).isEqualTo(Cattle.EXIT_ERROR);
        assertThat(cattle.err()).contains("unknown parameter 'pasword'", "fsyncInterval");
        assertThat(cattle.run("replica", "--store", "memory:r?passwd=hunter2", "--log", "memory:" + UUID.randomUUID()))
                .isEqualTo(Cattle.EXIT_ERROR);
        assertThat(cattle.err()).contains("unknown parameter 'passwd'");
        assertThat(cattle.err().lines()).hasSize(2);
        assertNoSecretPrinted();
    }

    @Test
    @DisplayName("an unreachable Kafka broker fails without showing the SASL, TLS or JAAS passwords of the spec")
    void kafkaErrorMasked() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String log = "kafka://127.0.0.1:" + closedPort + "/cattle-test?requestTimeout=2s&deliveryTimeout=2s"
                + "&username=cattle&password=" + PASSWORD + "&keyPassword=" + TOKEN
                + "&kafka.sasl.jaas.config=x%20required%20password%3D%22" + USER_INFO_PASSWORD + "%22%3B";
        assertThat(cattle.run("replica", "--store", "memory:r", "--log", log)).isEqualTo(Cattle.EXIT_ERROR);
        assertThat(cattle.err()).contains("127.0.0.1:" + closedPort);
        assertNoSecretPrinted();
    }
}
