package org.ethercattle.core.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.ethercattle.api.Batch;
import org.ethercattle.api.Cursor;
import org.ethercattle.api.Database;
import org.ethercattle.api.ReservedKeys;
import org.ethercattle.api.record.Op;
import org.ethercattle.api.replay.HeadGuard;
import org.ethercattle.core.memory.MemoryDatabase;
import org.junit.jupiter.api.Test;

class SeenValueGuardTest {

    private static final byte[] LAST_BLOCK = ascii("LastBlock");
    private static final List<byte[]> HEAD_KEYS = List.of(ascii("LastHeader"), LAST_BLOCK, ascii("LastFast"));

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Admits {@code op} and commits the guard's bookkeeping, as a replayer's batch would. */
    private static boolean admit(HeadGuard guard, Database store, Op op) {
        try (Batch batch = store.newBatch()) {
            boolean admitted = guard.admit(op, batch);
            batch.write();
            return admitted;
        }
    }

    private static long rememberedKeys(Database store) {
        long count = 0;
        try (Cursor cursor = store.cursor(ReservedKeys.key("guard/"), new byte[0])) {
            while (cursor.next()) {
                count++;
            }
        }
        return count;
    }

    @Test
    void a_value_already_seen_for_a_head_key_is_dropped() {
        try (Database store = MemoryDatabase.open()) {
            HeadGuard guard = new SeenValueGuard(HEAD_KEYS);
            guard.restore(store, "s");
            assertThat(admit(guard, store, Op.put(LAST_BLOCK, ascii("h1")))).isTrue();
            assertThat(admit(guard, store, Op.put(LAST_BLOCK, ascii("h2")))).isTrue();
            assertThat(admit(guard, store, Op.put(LAST_BLOCK, ascii("h1")))).isFalse();
            assertThat(admit(guard, store, Op.put(ascii("LastHeader"), ascii("h1")))).as("memory is per key").isTrue();
        }
    }

    @Test
    void other_keys_and_deletes_always_pass() {
        try (Database store = MemoryDatabase.open()) {
            HeadGuard guard = new SeenValueGuard(HEAD_KEYS);
            guard.restore(store, "s");
            for (int i = 0; i < 3; i++) {
                assertThat(admit(guard, store, Op.put(ascii("LastBlocks"), ascii("same")))).isTrue();
                assertThat(admit(guard, store, Op.put(ascii("h"), ascii("same")))).isTrue();
                assertThat(admit(guard, store, Op.delete(LAST_BLOCK))).isTrue();
            }
            assertThat(rememberedKeys(store)).isZero();
        }
    }

    @Test
    void memory_survives_a_restart_through_the_store() {
        try (Database store = MemoryDatabase.open()) {
            HeadGuard first = new SeenValueGuard(HEAD_KEYS);
            first.restore(store, "s");
            admit(first, store, Op.put(LAST_BLOCK, ascii("h1")));
            admit(first, store, Op.put(LAST_BLOCK, ascii("h2")));

            HeadGuard second = new SeenValueGuard(HEAD_KEYS);
            second.restore(store, "s");
            assertThat(admit(second, store, Op.put(LAST_BLOCK, ascii("h1")))).isFalse();
            assertThat(admit(second, store, Op.put(LAST_BLOCK, ascii("h3")))).isTrue();

            HeadGuard otherStream = new SeenValueGuard(HEAD_KEYS);
            otherStream.restore(store, "s2");
            assertThat(admit(otherStream, store, Op.put(LAST_BLOCK, ascii("h1")))).as("memory is per stream").isTrue();
        }
    }

    @Test
    void memory_is_bounded_and_forgets_the_oldest_value_in_the_store_too() {
        try (Database store = MemoryDatabase.open()) {
            HeadGuard guard = new SeenValueGuard(List.of(LAST_BLOCK), 2);
            guard.restore(store, "s");
            admit(guard, store, Op.put(LAST_BLOCK, ascii("h1")));
            admit(guard, store, Op.put(LAST_BLOCK, ascii("h2")));
            admit(guard, store, Op.put(LAST_BLOCK, ascii("h3")));
            assertThat(rememberedKeys(store)).isEqualTo(2);

            HeadGuard restarted = new SeenValueGuard(List.of(LAST_BLOCK), 2);
            restarted.restore(store, "s");
            assertThat(admit(restarted, store, Op.put(LAST_BLOCK, ascii("h3")))).isFalse();
            assertThat(admit(restarted, store, Op.put(LAST_BLOCK, ascii("h2")))).isFalse();
            assertThat(admit(restarted, store, Op.put(LAST_BLOCK, ascii("h1")))).as("forgotten").isTrue();
            assertThat(rememberedKeys(store)).isEqualTo(2);
        }
    }

    @Test
    void a_smaller_limit_after_restart_deletes_the_surplus_memory() {
        try (Database store = MemoryDatabase.open()) {
            HeadGuard big = new SeenValueGuard(List.of(LAST_BLOCK), 10);
            big.restore(store, "s");
            for (int i = 0; i < 5; i++) {
                admit(big, store, Op.put(LAST_BLOCK, ascii("h" + i)));
            }
            HeadGuard small = new SeenValueGuard(List.of(LAST_BLOCK), 2);
            small.restore(store, "s");
            assertThat(admit(small, store, Op.put(LAST_BLOCK, ascii("h4")))).isFalse();
            assertThat(admit(small, store, Op.put(LAST_BLOCK, ascii("h0")))).isTrue();
            assertThat(rememberedKeys(store)).isEqualTo(2);
        }
    }

    @Test
    void none_admits_everything() {
        HeadGuard none = HeadGuard.none();
        try (Database store = MemoryDatabase.open()) {
            none.restore(store, "s");
            assertThat(admit(none, store, Op.put(LAST_BLOCK, ascii("h1")))).isTrue();
            assertThat(admit(none, store, Op.put(LAST_BLOCK, ascii("h1")))).isTrue();
        }
    }
}
