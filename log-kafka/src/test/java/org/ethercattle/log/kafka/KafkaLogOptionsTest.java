package org.ethercattle.log.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.ethercattle.api.spi.Spec;
import org.ethercattle.api.spi.SpecException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading kafka specs: defaults, checks, security settings, and secrets kept out of messages. No broker needed. */
class KafkaLogOptionsTest {

    private static KafkaLogOptions options(String spec) {
        return KafkaLogOptions.from(Spec.parse(spec));
    }

    @Test
    @DisplayName("defaults: 1 MiB messages, topic created, 2 minute delivery timeout, 30 s requests")
    void defaults() {
        KafkaLogOptions options = options("kafka://10.0.0.5:9092,10.0.0.6:9092/mainnet-cdc");
        assertThat(options.bootstrapServers()).isEqualTo("10.0.0.5:9092,10.0.0.6:9092");
        assertThat(options.topic()).isEqualTo("mainnet-cdc");
        assertThat(options.maxMessageBytes()).isEqualTo(1 << 20);
        assertThat(options.createTopic()).isTrue();
        assertThat(options.replicationFactor()).isEqualTo(-1);
        assertThat(options.deliveryTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(options.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.client().toMap()).isEmpty();
        assertThat(options.requiredTopicMessageBytes()).isEqualTo((1 << 20) + KafkaLogOptions.RECORD_OVERHEAD_BYTES);
    }

    @Test
    @DisplayName("a missing broker, a missing or invalid topic and an unknown parameter are refused with the expected form")
    void malformedSpecsAreRefused() {
        assertThatThrownBy(() -> options("kafka:/cdc")).isInstanceOf(SpecException.class).hasMessageContaining("names no broker");
        assertThatThrownBy(() -> options("kafka://h:9092")).isInstanceOf(SpecException.class).hasMessageContaining("names no topic");
        assertThatThrownBy(() -> options("kafka://h:9092/bad topic")).isInstanceOf(SpecException.class)
                .hasMessageContaining("not a valid Kafka topic name");
        assertThatThrownBy(() -> options("kafka://h/cdc")).isInstanceOf(SpecException.class).hasMessageContaining("host:port");
        assertThatThrownBy(() -> options("kafka://h:9092/cdc?maxMesageBytes=1k")).isInstanceOf(SpecException.class)
                .hasMessageContaining("unknown parameter 'maxMesageBytes'").hasMessageContaining("maxMessageBytes");
        assertThatThrownBy(() -> options("kafka://h:9092/cdc?maxMessageBytes=0")).isInstanceOf(SpecException.class);
        assertThatThrownBy(() -> options("kafka://h:9092/cdc?deliveryTimeout=1s&requestTimeout=30s"))
                .isInstanceOf(SpecException.class).hasMessageContaining("deliveryTimeout");
    }

    @Test
    @DisplayName("settings that keep the total order cannot be overridden through kafka.* or a config file")
    void orderingSettingsAreFixed(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> options("kafka://h:9092/cdc?kafka.enable.idempotence=false"))
                .isInstanceOf(SpecException.class).hasMessageContaining("enable.idempotence");
        assertThatThrownBy(() -> options("kafka://h:9092/cdc?kafka.acks=1")).isInstanceOf(SpecException.class);
        Path file = dir.resolve("client.properties");
        Files.writeString(file, "transactional.id=x\n");
        assertThatThrownBy(() -> options("kafka://h:9092/cdc?config=" + file)).isInstanceOf(SpecException.class)
                .hasMessageContaining("transactional.id").hasMessageContaining(file.toString());
    }

    @Test
    @DisplayName("kafka.* parameters and a config file pass to the clients; spec parameters win over the file")
    void passthroughAndConfigFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, "linger.ms=20\nclient.id=from-file\nsecurity.protocol=SSL\n");
        KafkaClientSettings client = options("kafka://h:9092/cdc?config=" + file
                + "&kafka.client.id=from-spec&username=alice&password=s3cr3t").client();
        assertThat(client.get("linger.ms")).isEqualTo("20");
        assertThat(client.get("client.id")).isEqualTo("from-spec");
        assertThat(client.get("security.protocol")).isEqualTo("SASL_PLAINTEXT");
        assertThat(client.get("sasl.mechanism")).isEqualTo("SCRAM-SHA-512");
        assertThat(client.get("sasl.jaas.config")).contains("ScramLoginModule required username=\"alice\"");
        assertThat(client.toString()).doesNotContain("s3cr3t");
        assertThatThrownBy(() -> options("kafka://h:9092/cdc?config=" + dir.resolve("missing.properties")))
                .isInstanceOf(SpecException.class).hasMessageContaining("missing.properties");
    }

    @Test
    @DisplayName("TLS and SASL parameters map to Kafka's properties; the protocol follows from what is given")
    void securityParameters(@TempDir Path dir) throws IOException {
        Path trust = Files.createFile(dir.resolve("trust.p12"));
        KafkaClientSettings tls = options("kafka://h:9093/cdc?truststore=" + trust + "&truststorePassword=tpw"
                + "&truststoreType=PKCS12").client();
        assertThat(tls.get("security.protocol")).isEqualTo("SSL");
        assertThat(tls.get("ssl.truststore.location")).isEqualTo(trust.toString());
        assertThat(tls.get("ssl.truststore.password")).isEqualTo("tpw");
        KafkaClientSettings both = options("kafka://h:9093/cdc?truststore=" + trust
                + "&username=u&password=p&saslMechanism=scram-sha-256").client();
        assertThat(both.get("security.protocol")).isEqualTo("SASL_SSL");
        assertThat(both.get("sasl.mechanism")).isEqualTo("SCRAM-SHA-256");
        assertThatThrownBy(() -> options("kafka://h:9093/cdc?truststore=" + dir.resolve("nope.p12")))
                .isInstanceOf(SpecException.class).hasMessageContaining("nope.p12");
        assertThatThrownBy(() -> options("kafka://h:9093/cdc?username=u&password=p&saslMechanism=GSSAPI"))
                .isInstanceOf(SpecException.class).hasMessageContaining("GSSAPI");
    }

    @Test
    @DisplayName("passwords never appear in spec errors, nor in the options' text")
    void secretsStayOutOfMessages() {
        String secret = "hunter2-very-secret";
        assertThatThrownBy(() -> options("kafka://h:9092/cdc?username=u&password=" + secret + "&bogus=1"))
                .isInstanceOf(SpecException.class).message().doesNotContain(secret);
        assertThatThrownBy(() -> options("kafka://h:9092/cdc?password=" + secret))
                .isInstanceOf(SpecException.class).message().doesNotContain(secret);
        assertThatThrownBy(() -> options("kafka://h:9092/cdc?kafka.ssl.key.password=" + secret + "&kafka.acks=0"))
                .isInstanceOf(SpecException.class).message().doesNotContain(secret);
        KafkaLogOptions options = options("kafka://h:9092/cdc?username=u&password=" + secret + "&keystorePassword=" + secret);
        assertThat(options.toString()).doesNotContain(secret);
        assertThat(options.client().toString()).doesNotContain(secret);
    }
}
