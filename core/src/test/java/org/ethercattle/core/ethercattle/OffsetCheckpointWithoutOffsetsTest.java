package org.ethercattle.core.ethercattle;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.ethercattle.api.Database;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.log.Position;
import org.ethercattle.core.memory.MemoryDatabase;
import org.ethercattle.core.memory.MemoryLog;
import org.ethercattle.core.replay.ForwardingConsumer;
import org.ethercattle.core.replay.Replayer;
import org.junit.jupiter.api.Test;

/** The offset-checkpoint options need a log with numeric offsets, and say so when it has none. */
class OffsetCheckpointWithoutOffsetsTest {

    @Test
    void a_log_without_offsets_cannot_start_from_or_keep_an_offset_checkpoint() {
        String name = "no-offsets-" + UUID.randomUUID();
        MemoryLog log = MemoryLog.open(name);
        try {
            Database store = MemoryDatabase.open();
            EtherCattleOffsetKey key = EtherCattleOffsetKey.forTopic(name);
            store.put(key.key(), EtherCattleOffsetKey.encode(5, 0));
            try (LogConsumer consumer = new WithoutOffsets(log.newConsumer())) {
                assertThatThrownBy(() -> Replayer.builder(store, consumer).codec(new EtherCattleCodec())
                        .fallbackCheckpoint(key).build())
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("no numeric offsets")
                        .hasMessageContaining("cdc-log-" + name + "-offset");
                assertThatThrownBy(() -> Replayer.builder(MemoryDatabase.open(), consumer)
                        .codec(new EtherCattleCodec()).mirrorCheckpoint(key).build())
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("no numeric offsets");
            }
        } finally {
            MemoryLog.discard(name);
        }
    }

    /** A consumer of a log whose positions are not numbers (as Pulsar's message ids). */
    private static final class WithoutOffsets extends ForwardingConsumer {
        WithoutOffsets(LogConsumer inner) {
            super(inner);
        }

        @Override
        public Optional<Position> positionAt(long offset) {
            return Optional.empty();
        }

        @Override
        public OptionalLong entriesBetween(Position from, Position to) {
            return OptionalLong.empty();
        }
    }
}
