package org.ethercattle.log.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.ethercattle.api.Logs;
import org.ethercattle.api.log.LogException;
import org.ethercattle.api.log.LogProducer;
import org.ethercattle.api.spi.SpecException;
import org.ethercattle.brokers.NatsServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spec validation and authentication against servers that require a password or a token: working
 * credentials connect, wrong ones fail clearly, and no secret appears in any message.
 */
class NatsSpecAndSecurityTest {

    private static final String PASSWORD = "pa55-w0rd-secret";
    private static final String TOKEN = "t0ken-secret-value";

    private static NatsServer passwordServer;
    private static NatsServer tokenServer;

    @TempDir
    Path directory;

    @BeforeAll
    static void startServersRequiringAuthentication() {
        passwordServer = NatsServer.start("--user", "cattle", "--pass", PASSWORD);
        tokenServer = NatsServer.start("--auth", TOKEN);
    }

    @AfterAll
    static void stopServers() {
        if (passwordServer != null) {
            passwordServer.close();
        }
        if (tokenServer != null) {
            tokenServer.close();
        }
    }

    private static void appendOne(String spec) {
        try (LogProducer producer = Logs.openProducer(spec)) {
            producer.append("hello".getBytes(StandardCharsets.UTF_8)).orTimeout(60, TimeUnit.SECONDS).join();
        }
    }

    @Test
    @DisplayName("user and password from the spec authenticate; a wrong password fails without being shown")
    void userAndPassword() {
        appendOne(NatsTestStreams.spec(passwordServer, directory, "user=cattle&password=" + PASSWORD));
        String wrong = NatsTestStreams.spec(passwordServer, directory,
                "connectTimeout=2s&user=cattle&password=wrong-" + PASSWORD);
        assertThatThrownBy(() -> Logs.openProducer(wrong)).isInstanceOfSatisfying(LogException.class, e -> {
            assertThat(e.isRetriable()).isFalse();
            assertThat(e).hasMessageNotContaining(PASSWORD).hasMessageContaining("password");
        });
        String anonymous = NatsTestStreams.spec(passwordServer, directory, "connectTimeout=2s");
        assertThatThrownBy(() -> Logs.openConsumer(anonymous))
                .isInstanceOf(LogException.class);
    }

    @Test
    @DisplayName("a jnats properties file given as config= supplies the credentials")
    void credentialsFromAConfigFile() throws Exception {
        Path config = directory.resolve("nats.properties");
        java.nio.file.Files.writeString(config, "io.nats.client.username=cattle\nio.nats.client.password=" + PASSWORD
                + "\n");
        appendOne(NatsTestStreams.spec(passwordServer, directory, "config=" + config));
    }

    @Test
    @DisplayName("a token from the spec authenticates; a wrong token fails without being shown")
    void token() {
        appendOne(NatsTestStreams.spec(tokenServer, directory, "token=" + TOKEN));
        String wrong = NatsTestStreams.spec(tokenServer, directory, "connectTimeout=2s&token=x" + TOKEN);
        assertThatThrownBy(() -> Logs.openConsumer(wrong)).isInstanceOf(LogException.class)
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    @DisplayName("credentials written into the server list are refused without echoing them")
    void credentialsInTheAuthorityAreRefused() {
        String inline = "nats://cattle:" + PASSWORD + "@" + passwordServer.hostPort() + "/s";
        assertThatThrownBy(() -> Logs.openProducer(inline))
                .isInstanceOf(SpecException.class).hasMessageNotContaining(PASSWORD).hasMessageContaining("user=");
    }

    @Test
    @DisplayName("bad specs fail naming the problem: stream name, unknown parameter, retryFor, password, creds file")
    void badSpecsAreExplained() {
        String server = "nats://" + passwordServer.hostPort();
        assertThatThrownBy(() -> Logs.openProducer(server + "/has.dot")).isInstanceOf(SpecException.class)
                .hasMessageContaining("stream name");
        assertThatThrownBy(() -> Logs.openProducer(server + "/s?maxMesageBytes=1k")).isInstanceOf(SpecException.class)
                .hasMessageContaining("maxMesageBytes").hasMessageContaining("maxMessageBytes");
        assertThatThrownBy(() -> Logs.openProducer(server + "/s?retryFor=5m")).isInstanceOf(SpecException.class)
                .hasMessageContaining("duplicateWindow");
        assertThatThrownBy(() -> Logs.openProducer(server + "/s?password=" + PASSWORD))
                .isInstanceOf(SpecException.class).hasMessageNotContaining(PASSWORD);
        assertThatThrownBy(() -> Logs.openProducer(server + "/s?creds=" + directory.resolve("missing.creds")))
                .isInstanceOf(LogException.class).hasMessageContaining("missing.creds");
        assertThatThrownBy(() -> Logs.openProducer("nats:///s")).isInstanceOf(SpecException.class)
                .hasMessageContaining("no server");
    }

    @Test
    @DisplayName("an unreachable server is a retriable LogException naming the servers")
    void unreachableServer() {
        NatsServer gone = NatsServer.start();
        String spec = NatsTestStreams.spec(gone, directory, "connectTimeout=2s");
        gone.close();
        assertThatThrownBy(() -> Logs.openConsumer(spec)).isInstanceOfSatisfying(LogException.class, e -> {
            assertThat(e.isRetriable()).isTrue();
            assertThat(e).hasMessageContaining(gone.hostPort());
        });
    }
}
