package org.ethercattle.log.pulsar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.ethercattle.api.Logs;
import org.ethercattle.api.spi.Spec;
import org.ethercattle.api.spi.SpecException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spec parsing; no broker needed. */
class PulsarLogOptionsTest {

    private static PulsarLogOptions parse(String text) {
        return PulsarLogOptions.from(Spec.parse(text));
    }

    @Test
    @DisplayName("a spec names the broker and the persistent topic; defaults are Pulsar's 5 MiB limit and no send timeout")
    void parsesTopicAndDefaults() {
        PulsarLogOptions options = parse("pulsar://10.0.0.5:6650/persistent/eth/mainnet/cdc");
        assertThat(options.serviceUrl()).isEqualTo("pulsar://10.0.0.5:6650");
        assertThat(options.topic()).isEqualTo("persistent://eth/mainnet/cdc");
        assertThat(options.maxMessageBytes()).isEqualTo(5 * 1024 * 1024);
        assertThat(options.sendTimeout()).isEqualTo(Duration.ZERO);
    }

    @Test
    @DisplayName("parameters: message limit, timeouts, queue sizes, and TLS switching to pulsar+ssl")
    void parsesParameters(@TempDir Path dir) throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "not checked here");
        PulsarLogOptions options = parse("pulsar://h:6651/persistent/t/n/x?maxMessageBytes=64k&sendTimeout=30s"
                + "&operationTimeout=5s&maxPendingMessages=10&receiverQueueSize=7&tls=true&tlsTrustCertsFile=" + ca);
        assertThat(options.serviceUrl()).isEqualTo("pulsar+ssl://h:6651");
        assertThat(options.maxMessageBytes()).isEqualTo(64 * 1024);
        assertThat(options.sendTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.operationTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(options.maxPendingMessages()).isEqualTo(10);
        assertThat(options.receiverQueueSize()).isEqualTo(7);
        assertThat(options.tlsTrustCertsFile()).isEqualTo(ca);
    }

    @Test
    @DisplayName("malformed topics, non-persistent topics, a missing broker and unknown parameters are refused with the fix")
    void refusesBadSpecs() {
        assertThatThrownBy(() -> parse("pulsar://h:6650/public/default/x")).isInstanceOf(SpecException.class)
                .hasMessageContaining("persistent/tenant/namespace/topic");
        assertThatThrownBy(() -> parse("pulsar://h:6650/non-persistent/public/default/x"))
                .isInstanceOf(SpecException.class).hasMessageContaining("persistent/public/default/x");
        assertThatThrownBy(() -> parse("pulsar:/persistent/public/default/x")).isInstanceOf(SpecException.class)
                .hasMessageContaining("names no broker");
        assertThatThrownBy(() -> parse("pulsar://h:6650/persistent/public/default/x?batching=true"))
                .isInstanceOf(SpecException.class).hasMessageContaining("batching");
        assertThatThrownBy(() -> parse("pulsar://h:6650/persistent/public/default/x?tlsAllowInsecure=true"))
                .isInstanceOf(SpecException.class).hasMessageContaining("tls=true");
        assertThatThrownBy(() -> parse("pulsar://h:6650/persistent/public/default/x?maxMessageBytes=10"))
                .isInstanceOf(SpecException.class).hasMessageContaining("maxMessageBytes");
    }

    @Test
    @DisplayName("a token never appears in toString or in error messages")
    void tokenStaysSecret(@TempDir Path dir) {
        String token = "eyJhbGciOiJIUzI1NiJ9.c2VjcmV0LXJvbGU.SECRETSIGNATURE";
        PulsarLogOptions options = parse("pulsar://h:6650/persistent/public/default/x?token=" + token);
        assertThat(options.token()).isEqualTo(token);
        assertThat(options.toString()).doesNotContain(token).contains("***");
        assertThatThrownBy(() -> parse("pulsar://h:6650/persistent/public/default/x?token=" + token
                + "&tokenFile=" + dir.resolve("t"))).isInstanceOf(SpecException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(token));
        assertThatThrownBy(() -> parse("pulsar://h:6650/persistent/public/default/x?token=" + token + "&bogus=1"))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(token));
    }

    @Test
    @DisplayName("a token file must be readable when the spec is opened")
    void tokenFileMustExist(@TempDir Path dir) {
        assertThatThrownBy(() -> parse("pulsar://h:6650/persistent/public/default/x?tokenFile=" + dir.resolve("none")))
                .isInstanceOf(SpecException.class).hasMessageContaining("tokenFile");
    }

    @Test
    @DisplayName("the provider is found by its scheme")
    void providerIsRegistered() {
        assertThat(Logs.class).isNotNull();
        assertThat(new PulsarLogProvider().scheme()).isEqualTo("pulsar");
        assertThat(java.util.ServiceLoader.load(org.ethercattle.api.log.LogProvider.class).stream()
                .map(p -> p.type().getName())).contains(PulsarLogProvider.class.getName());
    }
}
