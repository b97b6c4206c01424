package org.ethercattle.log.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.ethercattle.api.Codecs;
import org.ethercattle.api.record.ChangeRecord;
import org.ethercattle.api.record.Op;
import org.ethercattle.api.spi.Spec;
import org.ethercattle.api.spi.SpecException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Spec parsing, positions and message ids, without a server. */
class NatsLogOptionsTest {

    private static NatsLogOptions parse(String spec) {
        return NatsLogOptions.parse(Spec.parse(spec));
    }

    @Test
    @DisplayName("defaults: subject cattle.<stream>, created stream, 2m dedup window, 60s retry, no retention")
    void defaults() {
        NatsLogOptions options = parse("nats://127.0.0.1:4222/mainnet-cdc");
        assertThat(options.stream()).isEqualTo("mainnet-cdc");
        assertThat(options.subject()).isEqualTo("cattle.mainnet-cdc");
        assertThat(options.createStream()).isTrue();
        assertThat(options.maxMessageBytes()).isZero();
        assertThat(options.duplicateWindow()).isEqualTo(Duration.ofMinutes(2));
        assertThat(options.retryFor()).isEqualTo(Duration.ofSeconds(60));
        assertThat(options.maxMsgs()).isEqualTo(-1);
        assertThat(options.maxBytes()).isEqualTo(-1);
        assertThat(options.maxAge()).isZero();
        assertThat(options.connection().servers()).containsExactly("nats://127.0.0.1:4222");
    }

    @Test
    @DisplayName("several servers, a missing port becomes 4222, and parameters are read")
    void serversAndParameters() {
        NatsLogOptions options = parse("nats://a.example:5000,b.example,[::1]:6000/s?subject=x.y&maxMessageBytes=16k"
                + "&maxMsgs=10&maxAge=7d&duplicateWindow=10m&retryFor=5m&createStream=false");
        assertThat(options.connection().servers())
                .containsExactly("nats://a.example:5000", "nats://b.example:4222", "nats://[::1]:6000");
        assertThat(options.subject()).isEqualTo("x.y");
        assertThat(options.maxMessageBytes()).isEqualTo(16 * 1024);
        assertThat(options.maxMsgs()).isEqualTo(10);
        assertThat(options.maxAge()).isEqualTo(Duration.ofDays(7));
        assertThat(options.createStream()).isFalse();
    }

    @Test
    @DisplayName("secrets are masked wherever options are printed")
    void secretsAreMasked() {
        NatsLogOptions options = parse("nats://h/s?user=u&password=hunter2&token=t0k&trustStorePassword=p4ss");
        assertThat(options.spec()).doesNotContain("hunter2", "t0k", "p4ss");
        assertThat(options.toString()).doesNotContain("hunter2", "t0k", "p4ss");
        assertThat(options.connection().toString()).doesNotContain("hunter2", "t0k").contains("user=u");
    }

    @Test
    @DisplayName("wildcard subjects, zero limits and retryFor at or over the dedup window are refused")
    void badValues() {
        assertThatThrownBy(() -> parse("nats://h/s?subject=a.*")).isInstanceOf(SpecException.class);
        assertThatThrownBy(() -> parse("nats://h/s?maxMsgs=0")).isInstanceOf(SpecException.class);
        assertThatThrownBy(() -> parse("nats://h/s?duplicateWindow=30s")).isInstanceOf(SpecException.class)
                .hasMessageContaining("retryFor");
        assertThatThrownBy(() -> parse("nats://h/s?maxMessageBytes=0")).isInstanceOf(SpecException.class);
        assertThatThrownBy(() -> parse("nats://h/s?password=x")).isInstanceOf(SpecException.class)
                .hasMessageContaining("user");
    }

    @Test
    @DisplayName("positions: bytes round trip, order within a stream, refusal across streams, nats:<stream>@<seq>")
    void positions() {
        NatsPosition five = new NatsPosition("s", 5);
        assertThat(five.toBytes()).hasSize(8);
        assertThat(five).isLessThan(new NatsPosition("s", 6)).hasToString("nats:s@5");
        assertThatThrownBy(() -> five.compareTo(new NatsPosition("t", 5))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NatsPosition("s", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("message ids: a native record's depends on its bytes only; other bytes' on the producer and append")
    void deduplicationIds() {
        byte[] record = Codecs.get(Codecs.DEFAULT).encode(ChangeRecord.batch(UUID.randomUUID(), 1, 2,
                List.of(Op.delete(new byte[] {1}))), 1 << 20).get(0);
        assertThat(DeduplicationId.isNativeRecord(record)).isTrue();
        assertThat(DeduplicationId.of(record, "p1", 1)).isEqualTo(DeduplicationId.of(record.clone(), "p2", 9));
        byte[] corrupted = record.clone();
        corrupted[corrupted.length - 5] ^= 1;
        assertThat(DeduplicationId.isNativeRecord(corrupted)).as("a wrong checksum").isFalse();
        byte[] raw = {3};
        assertThat(DeduplicationId.of(raw, "p1", 1)).isNotEqualTo(DeduplicationId.of(raw, "p1", 2))
                .isNotEqualTo(DeduplicationId.of(raw, "p2", 1));
    }
}
