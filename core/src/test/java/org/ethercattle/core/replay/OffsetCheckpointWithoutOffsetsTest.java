package org.ethercattle.core.replay;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.ethercattle.api.Database;
import org.ethercattle.api.KeyValueWriter;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.log.Position;
import org.ethercattle.api.replay.OffsetCheckpoint;
import org.ethercattle.core.memory.MemoryDatabase;
import org.ethercattle.core.memory.MemoryLog;
import org.junit.jupiter.api.Test;

/** The offset-checkpoint options need a log with numeric offsets, and say so when it has none. */
class OffsetCheckpointWithoutOffsetsTest {

    @Test
    void a_log_without_offsets_cannot_start_from_or_keep_an_offset_checkpoint() {
        String name = "no-offsets-" + UUID.randomUUID();
        MemoryLog log = MemoryLog.open(name);
        try {
            Database store = MemoryDatabase.open();
            OffsetCheckpoint offsetFive = new StoredOffset("offset-of-" + name);
            offsetFive.write(store, 5);
            try (LogConsumer consumer = new WithoutOffsets(log.newConsumer())) {
                assertThatThrownBy(() -> Replayer.builder(store, consumer).fallbackCheckpoint(offsetFive).build())
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("no numeric offsets")
                        .hasMessageContaining("offset-of-" + name);
                assertThatThrownBy(() -> Replayer.builder(MemoryDatabase.open(), consumer)
                        .mirrorCheckpoint(offsetFive).build())
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("no numeric offsets");
            }
        } finally {
            MemoryLog.discard(name);
        }
    }

    /** An offset kept as decimal text under one key, as another replicator might keep it. */
    private record StoredOffset(String key) implements OffsetCheckpoint {
        @Override
        public OptionalLong lastApplied(Database store) {
            byte[] value = store.get(bytes(key));
            return value == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(new String(value,
                    StandardCharsets.US_ASCII)));
        }

        @Override
        public void write(KeyValueWriter batch, long offset) {
            batch.put(bytes(key), bytes(Long.toString(offset)));
        }

        @Override
        public String toString() {
            return key;
        }

        private static byte[] bytes(String s) {
            return s.getBytes(StandardCharsets.US_ASCII);
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
