package org.ethercattle.log.pulsar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.ethercattle.api.spi.Spec;
import org.ethercattle.api.spi.SpecException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A Pulsar token never shows in the spec's text, the options or any spec error, without a broker. */
class PulsarSpecSecretsTest {

    private static final String SECRET = "eyJhbGciOiJIUzI1NiJ9.hunter2-p";

    @Test
    @DisplayName("the inline token is masked in the options")
    void printedMasked() {
        PulsarLogOptions options = PulsarLogOptions.from(Spec.parse("pulsar://h:6650/persistent/t/n/c?token=" + SECRET));
        assertThat(options.specText()).doesNotContain(SECRET).contains("token=***");
        assertThat(options.toString()).doesNotContain(SECRET);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "pulsar:///persistent/t/n/c?token=" + SECRET,
        "pulsar://h:6650/t/n/c?token=" + SECRET,
        "pulsar://h:6650/non-persistent/t/n/c?token=" + SECRET,
        "pulsar://h:6650/persistent/t/n/c?maxMessageBytes=100t&token=" + SECRET,
        "pulsar://h:6650/persistent/t/n/c?tokenFile=/no/such.jwt&token=" + SECRET,
        "pulsar://h:6650/persistent/t/n/c?tlsAllowInsecure=true&token=" + SECRET,
        "pulsar://h:6650/persistent/t/n/c?operationTimeout=-5s&token=" + SECRET,
        "pulsar://h:6650/persistent/t/n/c?maxPendingMessages=0&token=" + SECRET,
        "pulsar://h:6650/persistent/t/n/c?authParams=" + SECRET,
        "pulsar://h:6650/persistent/t/n/c?tokn=" + SECRET,
        "pulsar://role:" + SECRET + "@h:6650/t"})
    @DisplayName("a spec error never shows the token, nor an unknown parameter's value such as authParams")
    void errorsMasked(String text) {
        assertThatThrownBy(() -> PulsarLogOptions.from(Spec.parse(text)))
                .isInstanceOf(SpecException.class)
                .hasMessageNotContaining(SECRET)
                .hasMessageNotContaining("hunter2");
    }
}
