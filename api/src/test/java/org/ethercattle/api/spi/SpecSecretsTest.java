package org.ethercattle.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** What a printed spec, and an error quoting one, may show: never a secret. */
class SpecSecretsTest {

    private static final String SECRET = "hunter2";

    @ParameterizedTest(name = "{0}=hunter2 is masked")
    @ValueSource(strings = {"password", "user.password", "truststorePassword", "keystorePassword", "keyPassword",
            "keyStore", "token", "tokenFile", "secret", "clientSecret", "credentials", "authParams",
            "kafka.sasl.jaas.config", "kafka.ssl.key.password", "passphrase",
            // typos of secret words
            "pasword", "passwd", "passwrd", "Pasword", "tokn", "tokne", "secert", "credentails", "kye"})
    @DisplayName("a parameter named like a secret, or a typo of one, is masked by toString")
    void secretNamesMasked(String name) {
        Spec spec = Spec.parse("kafka://h:9092/t?acks=all&" + name + "=" + SECRET);
        assertThat(spec.toString()).doesNotContain(SECRET).contains(name + "=***").contains("acks=all");
    }

    @ParameterizedTest(name = "{0} is shown")
    @ValueSource(strings = {"cacheSize", "fsync", "topic", "subject", "tls", "user", "username", "sync", "wal",
            "maxAge", "replicas", "compression", "saslMechanism", "creds", "path", "mode"})
    @DisplayName("an ordinary parameter keeps its value in toString, so specs stay useful in messages")
    void ordinaryNamesShown(String name) {
        assertThat(Spec.parse("x:/p?" + name + "=v1").toString()).isEqualTo("x:/p?" + name + "=v1");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "nats://user:hunter2@h:4222/s, nats://user:***@h:4222/s",
        "nats://hunter2@h:4222/s, nats://***@h:4222/s",
        "'kafka://u:hunter2@h1:9092,h2:9092/t?acks=all', 'kafka://u:***@h1:9092,h2:9092/t?acks=all'"})
    @DisplayName("the user-info of an authority is masked, keeping the user name")
    void userInfoMasked(String text, String shown) {
        assertThat(Spec.parse(text).toString()).isEqualTo(shown);
        assertThat(Spec.redact(text)).isEqualTo(shown);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"pasword", "passwd", "tokn", "whatever"})
    @DisplayName("an unknown parameter's value is never shown, whatever its name")
    void unknownParameterValueHidden(String name) {
        Spec spec = Spec.parse("file:/log?fsync=always&" + name + "=" + SECRET);
        assertThatThrownBy(() -> spec.requireOnly(Set.of("fsync")))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("unknown parameter '" + name + "'")
                .hasMessageContaining("[fsync]")
                .hasMessageNotContaining(SECRET);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"/var/db?password=hunter2", "kafka//u:hunter2@h?x", "1x://u:hunter2@h/t?password=hunter2",
            "file:/l?password=hunter2&password=hunter2", "file:/l?password=hunter2&=x", "file:/l?password=%zzhunter2"})
    @DisplayName("a spec that does not parse is reported without its query or user-info")
    void parseErrorsHideSecrets(String text) {
        assertThatThrownBy(() -> Spec.parse(text)).isInstanceOf(SpecException.class)
                .hasMessageNotContaining(SECRET);
        assertThat(Spec.redact(text)).doesNotContain(SECRET);
    }

    @Test
    @DisplayName("a bad value of a secret parameter is reported without the value")
    void badSecretValueHidden() {
        Spec spec = Spec.parse("x:/p?tokenTtl=hunter2");
        assertThatThrownBy(() -> spec.durationParam("tokenTtl", null)).hasMessageContaining("tokenTtl=***")
                .hasMessageNotContaining(SECRET);
    }
}
