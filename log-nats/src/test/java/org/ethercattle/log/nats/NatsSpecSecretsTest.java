package org.ethercattle.log.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.ethercattle.api.spi.Spec;
import org.ethercattle.api.spi.SpecException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** No NATS credential the spec takes shows in its text, the settings or any spec error, without a server. */
class NatsSpecSecretsTest {

    private static final String SECRET = "hunter2-n";

    private static final String CREDENTIALS = "user=cattle&password=" + SECRET + "&trustStorePassword=" + SECRET
            + "&keyStorePassword=" + SECRET;

    @Test
    @DisplayName("user/password, token and store passwords are masked in the options and connection settings")
    void printedMasked() {
        NatsLogOptions options = NatsLogOptions.parse(Spec.parse("nats://h:4222/s?" + CREDENTIALS));
        assertThat(options.spec()).doesNotContain(SECRET).contains("password=***");
        assertThat(options.connection().toString()).doesNotContain(SECRET);
        NatsLogOptions withToken = NatsLogOptions.parse(Spec.parse("nats://h:4222/s?token=" + SECRET));
        assertThat(withToken.spec() + withToken.connection()).doesNotContain(SECRET);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "nats://h:4222/bad.stream?" + CREDENTIALS,
        "nats://h:4222/s?subject=a.*&" + CREDENTIALS,
        "nats://h:4222/s?maxBytes=-1k&" + CREDENTIALS,
        "nats://h:4222/s?maxAge=-5s&" + CREDENTIALS,
        "nats://h:4222/s?retryFor=0s&" + CREDENTIALS,
        "nats://h:4222/s?prefetchBytes=100t&" + CREDENTIALS,
        "nats://h:4222/s?pasword=" + SECRET + "&user=cattle",
        "nats://h:4222/s?tokn=" + SECRET,
        "nats://h:4222/s?password=" + SECRET,
        "nats://cattle:" + SECRET + "@h:4222/s",
        "nats://" + SECRET + "@h:4222/s",
        "nats:///s?" + CREDENTIALS})
    @DisplayName("a spec error never shows a password, token or URL user-info")
    void errorsMasked(String text) {
        assertThatThrownBy(() -> NatsLogOptions.parse(Spec.parse(text)))
                .isInstanceOf(SpecException.class)
                .hasMessageNotContaining(SECRET);
    }
}
