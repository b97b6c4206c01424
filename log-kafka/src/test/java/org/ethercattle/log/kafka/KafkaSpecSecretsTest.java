package org.ethercattle.log.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.ethercattle.api.spi.Spec;
import org.ethercattle.api.spi.SpecException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** No Kafka credential the spec takes shows in its text or in any spec error, without a broker. */
class KafkaSpecSecretsTest {

    private static final String SECRET = "hunter2-k";

    /** Every parameter that carries a credential, each set to the secret. */
    private static final String CREDENTIALS = "username=cattle&password=" + SECRET + "&truststorePassword=" + SECRET
            + "&keystorePassword=" + SECRET + "&keyPassword=" + SECRET
            + "&kafka.sasl.jaas.config=org.x.ScramLoginModule%20required%20password%3D%22" + SECRET + "%22%3B"
            + "&kafka.ssl.key.password=" + SECRET + "&kafka.ssl.truststore.password=" + SECRET;

    @Test
    @DisplayName("the options and the client settings print with every credential masked")
    void printedMasked() {
        KafkaLogOptions options = KafkaLogOptions.from(Spec.parse("kafka://h:9092/t?" + CREDENTIALS));
        assertThat(options.toString()).doesNotContain(SECRET).contains("password=***", "kafka.sasl.jaas.config=***");
        assertThat(options.spec().toString()).doesNotContain(SECRET);
        // A passthrough name with a typo is passed on to the client, not refused, so it must print masked too.
        assertThat(Spec.parse("kafka://h:9092/t?kafka.sasl.jaas.confg=password%3D" + SECRET).toString())
                .doesNotContain(SECRET);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "&securityProtocol=SASL_NOPE",
        "&saslMechanism=GSSAPI",
        "&maxMessageBytes=lots",
        "&maxMessageBytes=1t",
        "&requestTimeout=-5s",
        "&deliveryTimeout=1s",
        "&replicationFactor=0",
        "&truststore=/no/such/store.p12",
        "&kafka.acks=1",
        "&pasword=" + SECRET})
    @DisplayName("a spec error quotes the spec with every credential masked")
    void errorsMasked(String bad) {
        String text = "kafka://h:9092/t?" + CREDENTIALS + bad;
        assertThatThrownBy(() -> KafkaLogOptions.from(Spec.parse(text)))
                .isInstanceOf(SpecException.class)
                .hasMessageNotContaining(SECRET);
    }

    @Test
    @DisplayName("credentials in the broker list are refused without being shown")
    void userInfoRefused() {
        assertThatThrownBy(() -> KafkaLogOptions.from(Spec.parse("kafka://cattle:" + SECRET + "@h:9092,h2:9092/t")))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("credentials before '@'").hasMessageNotContaining(SECRET);
    }

    @Test
    @DisplayName("a password without a username fails without showing the password")
    void passwordWithoutUser() {
        assertThatThrownBy(() -> KafkaLogOptions.from(Spec.parse("kafka://h:9092/t?password=" + SECRET)))
                .hasMessageContaining("no username").hasMessageNotContaining(SECRET);
    }
}
