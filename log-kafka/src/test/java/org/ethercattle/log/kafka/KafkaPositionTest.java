package org.ethercattle.log.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The Kafka position's bytes, text and order. */
class KafkaPositionTest {

    @Test
    @DisplayName("a position is its offset as 8 big-endian bytes, reads back equal, and prints as kafka:<topic>@<offset>")
    void bytesAndText() {
        KafkaPosition position = new KafkaPosition("mainnet-cdc", 1042);
        assertThat(position.toBytes()).containsExactly(0, 0, 0, 0, 0, 0, 4, 18);
        assertThat(KafkaPosition.fromBytes("mainnet-cdc", position.toBytes())).isEqualTo(position);
        assertThat(position).hasToString("kafka:mainnet-cdc@1042");
    }

    @Test
    @DisplayName("positions order by offset; other topics, other log kinds and bad bytes are refused")
    void orderAndRefusals() {
        assertThat(new KafkaPosition("t", 1)).isLessThan(new KafkaPosition("t", 2));
        assertThatThrownBy(() -> new KafkaPosition("t", 1).compareTo(new KafkaPosition("u", 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KafkaPosition.fromBytes("t", new byte[4])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KafkaPosition.fromBytes("t", new byte[] {-1, 0, 0, 0, 0, 0, 0, 0}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KafkaPosition("t", -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
