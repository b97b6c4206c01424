package org.ethercattle.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.UUID;
import org.ethercattle.api.Database;
import org.ethercattle.api.ReservedKeys;
import org.ethercattle.api.VerifyReport;
import org.ethercattle.api.VerifyReport.Kind;
import org.ethercattle.core.memory.MemoryDatabase;
import org.ethercattle.core.replay.Checkpoint;
import org.ethercattle.core.replay.CheckpointCodec;
import org.ethercattle.core.replay.ProducerProgress;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link StoreVerification} and {@link ReservedKeysCheck}: Cattle's own keys must decode, whatever the store. */
class StoreVerificationTest {

    private static final Checkpoint CHECKPOINT = new Checkpoint(new byte[] {1, 2}, new byte[] {1, 2}, 1_700_000_000_000L,
            Map.of(new UUID(1, 2), new ProducerProgress(7, 1_700_000_000_000L)));

    /** A head-guard memory key as the seen-value guard writes it: prefix, u16 head length, head, u64 ordinal. */
    private static byte[] guardKey(String stream, byte[] head, long ordinal) {
        byte[] prefix = ReservedKeys.key("guard/" + stream + "\0");
        return ByteBuffer.allocate(prefix.length + 2 + head.length + 8).put(prefix).putShort((short) head.length)
                .put(head).putLong(ordinal).array();
    }

    @Test
    @DisplayName("a store without a checksum pass says so, and its sound checkpoint and guard keys pass")
    void soundReservedKeysPass() {
        try (Database store = MemoryDatabase.open()) {
            store.put(Checkpoint.key("mainnet-cdc"), CheckpointCodec.encode(CHECKPOINT));
            store.put(guardKey("mainnet-cdc", "LastBlock".getBytes(), 3), new byte[32]);
            store.put("user".getBytes(), "value".getBytes());
            VerifyReport report = StoreVerification.of(store);
            assertThat(report.ok()).isTrue();
            assertThat(report.findings()).extracting(VerifyReport.Finding::kind)
                    .containsExactly(Kind.UNCHECKED, Kind.CHECKED);
            assertThat(report.findings().get(1).detail()).contains("1 replay checkpoint(s) and 1 head-guard key(s)");
        }
    }

    @Test
    @DisplayName("a checkpoint with a flipped byte is damage naming its key and stream")
    void damagedCheckpointIsDamage() {
        try (Database store = MemoryDatabase.open()) {
            byte[] bytes = CheckpointCodec.encode(CHECKPOINT);
            bytes[bytes.length / 2] ^= 0x10;
            store.put(Checkpoint.key("mainnet-cdc"), bytes);
            VerifyReport report = StoreVerification.of(store);
            assertThat(report.ok()).isFalse();
            assertThat(report.damage()).singleElement().satisfies(f -> {
                assertThat(f.where()).isEqualTo("reserved key 'checkpoint/mainnet-cdc'");
                assertThat(f.detail()).contains("stream mainnet-cdc", "CRC32C");
            });
        }
    }

    @Test
    @DisplayName("a truncated checkpoint and a malformed head-guard key are both damage")
    void truncatedCheckpointAndMalformedGuardKeyAreDamage() {
        try (Database store = MemoryDatabase.open()) {
            store.put(Checkpoint.key("a"), new byte[] {(byte) 0xCA, (byte) 0xC7, 1, 0});
            byte[] guard = guardKey("a", "LastBlock".getBytes(), 3);
            store.put(java.util.Arrays.copyOf(guard, guard.length - 1), new byte[32]);
            VerifyReport report = StoreVerification.of(store);
            assertThat(report.damage()).hasSize(2);
            assertThat(report.damage().get(0).where()).isEqualTo("reserved key 'checkpoint/a'");
            assertThat(report.damage().get(1).where()).startsWith("reserved key 'guard/a\\x00");
            assertThat(report.damage().get(1).detail()).contains("head-key length 9");
        }
    }
}
