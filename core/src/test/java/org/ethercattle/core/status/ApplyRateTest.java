package org.ethercattle.core.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ApplyRateTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    @DisplayName("rates are the counters' growth over the window divided by its length")
    void ratesOverTheWindow() {
        ApplyRate rate = new ApplyRate(Duration.ofSeconds(10));
        assertThat(rate.rates()).isEqualTo(ApplyRate.Rates.NONE);
        for (int s = 0; s <= 20; s++) {
            rate.record(s * SECOND, s * 100L, s * 1000L, s * 50_000L);
        }
        assertThat(rate.rates().recordsPerSecond()).isCloseTo(100, within(1e-9));
        assertThat(rate.rates().opsPerSecond()).isCloseTo(1000, within(1e-9));
        assertThat(rate.rates().bytesPerSecond()).isCloseTo(50_000, within(1e-9));
    }

    @Test
    @DisplayName("a stall shows as a falling rate, and old samples leave the window")
    void stallLowersTheRate() {
        ApplyRate rate = new ApplyRate(Duration.ofSeconds(10));
        for (int s = 0; s <= 10; s++) {
            rate.record(s * SECOND, s * 100L, 0, 0);
        }
        for (int s = 11; s <= 15; s++) {
            rate.record(s * SECOND, 1000, 0, 0); // nothing applied for five seconds
        }
        assertThat(rate.rates().recordsPerSecond()).isCloseTo(50, within(1e-9)); // 500 records over 10 s
        for (int s = 16; s <= 30; s++) {
            rate.record(s * SECOND, 1000, 0, 0);
        }
        assertThat(rate.rates().recordsPerSecond()).isZero();
    }

    @Test
    @DisplayName("counters that restart from zero restart the window instead of giving a negative rate")
    void countersGoingDownRestart() {
        ApplyRate rate = new ApplyRate(Duration.ofSeconds(10));
        rate.record(0, 500, 0, 0);
        rate.record(SECOND, 600, 0, 0);
        rate.record(2 * SECOND, 0, 0, 0);
        assertThat(rate.rates()).isEqualTo(ApplyRate.Rates.NONE);
        rate.record(3 * SECOND, 10, 0, 0);
        assertThat(rate.rates().recordsPerSecond()).isCloseTo(10, within(1e-9));
    }
}
