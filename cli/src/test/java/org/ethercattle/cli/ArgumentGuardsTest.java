package org.ethercattle.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

/** Duration, size and rate options: what each accepts, and one line naming the option and value for the rest. */
class ArgumentGuardsTest {

    @TempDir
    Path dir;

    private final CapturedCattle cattle = new CapturedCattle();

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"0s", "0", "-5s", "-1ms", "PT-1S", "5", "5x", "", "NaN", "Infinity", "1.5s",
        "99999999999999999999s", "106752d"})
    @DisplayName("a positive duration option refuses zero, negative, unit-less, overflowing and garbage values")
    void positiveDurationsRefused(String value) {
        assertThatThrownBy(() -> new DurationConverter().convert(value)).isInstanceOf(TypeConversionException.class)
                .hasMessage("must be a positive duration such as 30s, 5m or 2h (or ISO-8601 PT90M)");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"-5s", "-0.5s", "5", "NaN", "99999999999999999999s"})
    @DisplayName("a duration option where 0s means off refuses negative and garbage values, saying 0s is allowed")
    void orZeroDurationsRefused(String value) {
        assertThatThrownBy(() -> new DurationConverter.OrZero().convert(value))
                .isInstanceOf(TypeConversionException.class).hasMessageEndingWith(", or 0s for none");
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({"500ms, PT0.5S", "30s, PT30S", "5m, PT5M", "2h, PT2H", "7d, PT168H", "PT90M, PT1H30M"})
    @DisplayName("durations take ms, s, m, h, d and ISO-8601, and OrZero also zero")
    void durationsAccepted(String value, String iso) {
        assertThat(new DurationConverter().convert(value)).isEqualTo(Duration.parse(iso));
        assertThat(new DurationConverter.OrZero().convert(value)).isEqualTo(Duration.parse(iso));
        assertThat(new DurationConverter.OrZero().convert("0s")).isZero();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"0", "-1", "-8m", "1.5m", "8x", "", "65g", "100t", "99999999999999999999", "NaN"})
    @DisplayName("a size option refuses zero, negative, fractional, absurd and garbage values")
    void sizesRefused(String value) {
        assertThatThrownBy(() -> new ByteSizeConverter().convert(value)).isInstanceOf(TypeConversionException.class)
                .hasMessage("must be a positive size up to 64g such as 4096, 512k, 8m or 1g");
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({"1, 1", "4096, 4096", "512k, 524288", "8m, 8388608", "1g, 1073741824", "64g, 68719476736"})
    @DisplayName("a size option takes binary units up to 64g")
    void sizesAccepted(String value, long bytes) {
        assertThat(new ByteSizeConverter().convert(value)).isEqualTo(bytes);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"-1", "-0.5", "NaN", "Infinity", "-Infinity", "1e400", "ten", ""})
    @DisplayName("a rate option refuses negative, NaN, infinite and garbage values")
    void ratesRefused(String value) {
        assertThatThrownBy(() -> new RateConverter().convert(value)).isInstanceOf(TypeConversionException.class);
        assertThatThrownBy(() -> new RateConverter.Positive().convert(value))
                .isInstanceOf(TypeConversionException.class);
    }

    @Test
    @DisplayName("--rate takes 0 (no limit); --follow-rate does not")
    void zeroRates() {
        assertThat(new RateConverter().convert("0")).isZero();
        assertThat(new RateConverter().convert("2.5")).isEqualTo(2.5);
        assertThatThrownBy(() -> new RateConverter.Positive().convert("0"))
                .hasMessage("must be a positive number per second such as 25 or 2.5");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "replica|--max-age|-5s|must be a positive duration such as 30s, 5m or 2h (or ISO-8601 PT90M), or 0s for none",
        "replica|--max-block-age|0s|must be a positive duration",
        "replica|--scrub-every|0s|must be a positive duration",
        "replica|--max-batch-bytes|0|must be a positive size up to 64g",
        "replica|--read-ahead|100t|must be a positive size up to 64g",
        "master|--duration|-5s|must be a positive duration",
        "master|--heartbeat|-1s|must be a positive duration such as 30s, 5m or 2h (or ISO-8601 PT90M), or 0s for none",
        "master|--rate|NaN|must be a number per second of 0 or more",
        "master|--rate|-1|must be a number per second of 0 or more",
        "master|--follow-rate|Infinity|must be a positive number per second"})
    @DisplayName("a bad value is a usage error: exit 2 and one line naming the option, the value and what is accepted")
    void badOptionIsOneLine(String command, String option, String value, String expected) {
        String log = "file:" + dir.resolve("log");
        assertThat(cattle.run(command, "--store", "memory:x", "--log", log, option, value))
                .isEqualTo(Cattle.EXIT_ERROR);
        assertThat(cattle.err().lines()).hasSize(1);
        assertThat(cattle.err()).startsWith("cattle: error: " + option + " " + value + ": " + expected)
                .contains("(see 'cattle " + command + " --help')");
        assertThat(cattle.out()).isEmpty();
        assertThat(dir.resolve("log")).as("nothing is opened").doesNotExist();
    }

    @Test
    @DisplayName("a bad value in a replica --config file is reported the same way, naming the file")
    void badOptionInConfigFile() throws Exception {
        Path config = java.nio.file.Files.writeString(dir.resolve("replica.properties"),
                "store = memory:x\nlog = memory:y\nmax-age = -5s\n");
        assertThat(cattle.run("replica", "--config", config.toString())).isEqualTo(Cattle.EXIT_ERROR);
        assertThat(cattle.err().lines()).hasSize(1);
        assertThat(cattle.err()).startsWith("cattle: error: --max-age -5s: must be a positive duration")
                .contains(config.toString());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"rocksdb:%s?cacheSize=100t", "rocksdb:%s?cacheSize=-1", "rocksdb:%s?writeBufferSize=65g",
        "leveldb:%s?cacheSize=2t", "lmdb:%s?mapSize=200t", "rocksdb:%s?cacheSize=99999999999999999999"})
    @DisplayName("an absurd size in a store spec fails in one line naming the parameter, and creates nothing")
    void absurdStoreSize(String template) {
        String store = template.formatted(dir.resolve("db"));
        String parameter = store.substring(store.indexOf('?') + 1);
        assertThat(cattle.run("master", "--store", store, "--log", "memory:" + dir, "--blocks", "1"))
                .isEqualTo(Cattle.EXIT_ERROR);
        assertThat(cattle.err().lines()).hasSize(1);
        assertThat(cattle.err()).contains("parameter " + parameter + " is not a size");
        assertThat(dir.resolve("db")).doesNotExist();
    }

    @Test
    @DisplayName("a negative duration in a log spec fails in one line naming the parameter")
    void negativeLogDuration() {
        assertThat(cattle.run("master", "--store", "memory:m", "--log", "file:" + dir.resolve("log")
                + "?retentionAge=-5s", "--blocks", "1")).isEqualTo(Cattle.EXIT_ERROR);
        assertThat(cattle.err().lines()).hasSize(1);
        assertThat(cattle.err()).contains("parameter retentionAge=-5s is not a duration of zero or more");
    }
}
