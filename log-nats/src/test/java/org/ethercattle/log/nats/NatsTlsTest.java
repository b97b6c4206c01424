package org.ethercattle.log.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ethercattle.api.Logs;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.log.LogException;
import org.ethercattle.api.log.LogProducer;
import org.ethercattle.brokers.NatsServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS against a server with a self-signed certificate for 127.0.0.1 (made with {@code openssl} for this
 * run): a spec naming a trust store that holds it connects; plain connections and untrusted TLS fail,
 * and the trust store's password appears in no message.
 */
class NatsTlsTest {

    private static final String STORE_PASSWORD = "st0re-pa55-secret";

    @TempDir
    static Path certificates;

    private static NatsServer server;
    private static Path trustStore;

    @TempDir
    Path directory;

    @BeforeAll
    static void startTlsServer() throws Exception {
        Path key = certificates.resolve("key.pem");
        Path cert = certificates.resolve("cert.pem");
        Process openssl = new ProcessBuilder(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                "-keyout", key.toString(), "-out", cert.toString(), "-days", "2", "-subj", "/CN=127.0.0.1",
                "-addext", "subjectAltName=IP:127.0.0.1")).redirectErrorStream(true).start();
        String output = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(openssl.waitFor(2, TimeUnit.MINUTES) && openssl.exitValue() == 0)
                .as("openssl made a test certificate (apt-get install -y openssl if missing): %s", output).isTrue();
        trustStore = certificates.resolve("trust.p12");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        try (InputStream in = Files.newInputStream(cert)) {
            Certificate certificate = CertificateFactory.getInstance("X.509").generateCertificate(in);
            store.setCertificateEntry("cattle-test", certificate);
        }
        try (OutputStream out = Files.newOutputStream(trustStore)) {
            store.store(out, STORE_PASSWORD.toCharArray());
        }
        server = NatsServer.start("--tls", "--tlscert", cert.toString(), "--tlskey", key.toString());
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @DisplayName("a trust store holding the server's certificate connects over TLS")
    void trustedCertificateConnects() {
        String spec = NatsTestStreams.spec(server, directory, "trustStore=" + trustStore
                + "&trustStorePassword=" + STORE_PASSWORD);
        try (LogProducer producer = Logs.openProducer(spec)) {
            assertThat(producer.append("over tls".getBytes(StandardCharsets.UTF_8)).orTimeout(60, TimeUnit.SECONDS)
                    .join()).isNotNull();
        }
        try (LogConsumer consumer = Logs.openConsumer(spec)) {
            assertThat(consumer.endPosition()).isPresent();
        }
    }

    @Test
    @DisplayName("a plain connection to a TLS server and TLS without trusting its certificate both fail")
    void plainOrUntrustedFails() {
        assertThatThrownBy(() -> Logs.openProducer(NatsTestStreams.spec(server, directory, "connectTimeout=2s")))
                .isInstanceOfSatisfying(LogException.class, NatsTlsTest::namesTheTlsSettings);
        assertThatThrownBy(() -> Logs.openProducer(NatsTestStreams.spec(server, directory,
                "connectTimeout=2s&tls=true")))
                .isInstanceOfSatisfying(LogException.class, NatsTlsTest::namesTheTlsSettings);
        assertThatThrownBy(() -> Logs.openProducer(NatsTestStreams.spec(server, directory,
                "connectTimeout=2s&trustStore=" + trustStore + "&trustStorePassword=wrong-" + STORE_PASSWORD)))
                .isInstanceOf(LogException.class).hasMessageNotContaining(STORE_PASSWORD);
    }

    private static void namesTheTlsSettings(LogException e) {
        assertThat(e.isRetriable()).as("a TLS mismatch does not heal by retrying").isFalse();
        assertThat(e).hasMessageContaining("TLS settings").hasMessageContaining(server.hostPort());
    }
}
