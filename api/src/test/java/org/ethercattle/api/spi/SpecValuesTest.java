package org.ethercattle.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Size and duration parameters: what is accepted, and a one-line error naming the value for the rest. */
class SpecValuesTest {

    /** Built directly so values with '&', '%' or spaces reach the parser as given. */
    private static Spec with(String value) {
        return new Spec("x:/p", "x", null, "/p", Map.of("v", value));
    }

    @ParameterizedTest(name = "{0} = {1} bytes")
    @CsvSource({"0, 0", "4096, 4096", "64k, 65536", "64K, 65536", "256m, 268435456", "2g, 2147483648",
        "2GiB, 2147483648", "512b, 512", "1t, 1099511627776", "' 8m ', 8388608", "1p, 1125899906842624"})
    @DisplayName("sizes take binary units, upper or lower case, with an optional b or ib")
    void sizesAccepted(String text, long bytes) {
        assertThat(with(text).sizeParam("v", -1)).isEqualTo(bytes);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"-1", "-5m", "+5m", "1.5g", "NaN", "Infinity", "lots", "", "5x", "m", "5 m b",
        "99999999999999999999", "9223372036854775807", "5e", "1025t", "2p", "0x10", "1_000"})
    @DisplayName("a negative, fractional, overflowing or unit-less-garbage size fails naming the value")
    void sizesRefused(String text) {
        assertThatThrownBy(() -> with(text).sizeParam("v", 0))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("parameter v=" + text + " is not a size from 0 to 1p")
                .hasMessageContaining("64k")
                .satisfies(e -> assertThat(e.getMessage().lines()).hasSize(1));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"100t", "2t", "1023"})
    @DisplayName("a bounded size outside its bounds fails stating them")
    void boundedSizes(String text) {
        assertThatThrownBy(() -> with(text).sizeParam("v", 0, 1024, 1L << 40))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("parameter v=" + text + " is not a size from 1k to 1t");
        assertThat(with("1t").sizeParam("v", 0, 1024, 1L << 40)).isEqualTo(1L << 40);
        assertThat(with("64k").sizeParam("absent", 7, 1024, 1L << 40)).as("a default is not checked").isEqualTo(7);
    }

    @Test
    @DisplayName("formatSize uses the largest binary unit that divides the size")
    void formatSize() {
        assertThat(Spec.formatSize(0)).isEqualTo("0");
        assertThat(Spec.formatSize(1000)).isEqualTo("1000");
        assertThat(Spec.formatSize(64L << 10)).isEqualTo("64k");
        assertThat(Spec.formatSize(1536L << 20)).isEqualTo("1536m");
        assertThat(Spec.formatSize(1L << 40)).isEqualTo("1t");
        assertThat(Spec.formatSize(Spec.MAX_SIZE)).isEqualTo("1p");
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({"0s, PT0S", "500ms, PT0.5S", "30s, PT30S", "5m, PT5M", "2h, PT2H", "7d, PT168H", "PT90M, PT1H30M",
        "pt90m, PT1H30M", "' 30S ', PT30S", "106751d, PT2562024H"})
    @DisplayName("durations take ms, s, m, h, d or ISO-8601")
    void durationsAccepted(String text, String iso) {
        assertThat(with(text).durationParam("v", null)).isEqualTo(Duration.parse(iso));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"-5s", "-1ms", "PT-5S", "-P1D", "5", "5x", "s", "", "NaN", "Infinitys", "1.5s",
        "99999999999999999999s", "9223372036854775807d", "106752d", "300y"})
    @DisplayName("a negative, unit-less, overflowing or garbage duration fails naming the value")
    void durationsRefused(String text) {
        assertThatThrownBy(() -> with(text).durationParam("v", null))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("parameter v=" + text + " is not a duration")
                .satisfies(e -> assertThat(e.getMessage().lines()).hasSize(1));
    }
}
