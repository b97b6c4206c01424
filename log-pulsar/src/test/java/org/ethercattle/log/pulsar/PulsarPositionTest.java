package org.ethercattle.log.pulsar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.pulsar.client.api.MessageId;
import org.apache.pulsar.client.impl.MessageIdImpl;
import org.ethercattle.api.log.Position;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Positions without a broker: bytes, order, equality, text. */
class PulsarPositionTest {

    private static final String TOPIC = "persistent://public/default/cdc";

    private static PulsarPosition at(long ledger, long entry) {
        return new PulsarPosition(TOPIC, new MessageIdImpl(ledger, entry, -1));
    }

    @Test
    @DisplayName("toBytes is Pulsar's MessageId encoding and reads back to an equal position")
    void bytesRoundTrip() throws Exception {
        PulsarPosition position = at(42, 7);
        assertThat(MessageId.fromByteArray(position.toBytes())).isEqualTo(position.messageId());
        PulsarPosition back = PulsarPosition.fromBytes(TOPIC, position.toBytes());
        assertThat(back).isEqualTo(position).hasSameHashCodeAs(position);
        assertThat(back.compareTo(position)).isZero();
    }

    @Test
    @DisplayName("positions order by ledger, then entry")
    void ordersByLedgerThenEntry() {
        assertThat(at(3, 9)).isLessThan(at(4, 0));
        assertThat(at(4, 0)).isLessThan(at(4, 1));
        assertThat(at(5, 0)).isGreaterThan(at(4, 100));
    }

    @Test
    @DisplayName("toString is pulsar:<topic>@<ledger>:<entry>")
    void readableText() {
        assertThat(at(12, 34)).hasToString("pulsar:persistent://public/default/cdc@12:34");
    }

    @Test
    @DisplayName("comparing with another topic's or another log's position throws IllegalArgumentException")
    void refusesForeignPositions() {
        PulsarPosition other = new PulsarPosition("persistent://public/default/other", new MessageIdImpl(1, 1, -1));
        assertThatThrownBy(() -> at(1, 1).compareTo(other)).isInstanceOf(IllegalArgumentException.class);
        Position foreign = new Position() {
            @Override
            public byte[] toBytes() {
                return new byte[0];
            }

            @Override
            public int compareTo(Position o) {
                return 0;
            }
        };
        assertThatThrownBy(() -> at(1, 1).compareTo(foreign)).isInstanceOf(IllegalArgumentException.class);
        assertThat(at(1, 1)).isNotEqualTo(other);
    }

    @Test
    @DisplayName("bytes that are no message id are refused, naming the topic")
    void refusesGarbage() {
        assertThatThrownBy(() -> PulsarPosition.fromBytes(TOPIC, new byte[] {1, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(TOPIC);
    }
}
