package org.ethercattle.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.ethercattle.api.Cursor;
import org.ethercattle.api.Database;
import org.ethercattle.api.ReadOnlyException;
import org.ethercattle.api.StoreClosedException;
import org.ethercattle.core.memory.MemoryDatabase;
import org.junit.jupiter.api.Test;

class ReadOnlyDatabaseTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void reads_pass_through_and_writes_fail() {
        Database store = MemoryDatabase.open();
        store.put(bytes("a"), bytes("1"));
        try (ReadOnlyDatabase readOnly = new ReadOnlyDatabase(store)) {
            assertThat(readOnly.get(bytes("a"))).isEqualTo(bytes("1"));
            assertThat(readOnly.has(bytes("a"))).isTrue();
            assertThat(readOnly.get(bytes("b"))).isNull();
            try (Cursor cursor = readOnly.cursor()) {
                assertThat(cursor.next()).isTrue();
                assertThat(cursor.key()).isEqualTo(bytes("a"));
                assertThat(cursor.next()).isFalse();
            }
            assertThatThrownBy(() -> readOnly.put(bytes("b"), bytes("2"))).isInstanceOf(ReadOnlyException.class);
            assertThatThrownBy(() -> readOnly.delete(bytes("a"))).isInstanceOf(ReadOnlyException.class);
            assertThatThrownBy(readOnly::newBatch).isInstanceOf(ReadOnlyException.class)
                    .hasMessageContaining("replay");
            store.put(bytes("b"), bytes("2"));
            assertThat(readOnly.get(bytes("b"))).as("sees what replay writes").isEqualTo(bytes("2"));
        }
        assertThatThrownBy(() -> store.has(bytes("a"))).as("closing the view closed the store")
                .isInstanceOf(StoreClosedException.class);
    }

    @Test
    void close_is_idempotent_closes_the_store_and_later_use_fails() {
        Database store = MemoryDatabase.open();
        ReadOnlyDatabase readOnly = new ReadOnlyDatabase(store);
        readOnly.close();
        readOnly.close();
        assertThatThrownBy(() -> store.get(bytes("a"))).isInstanceOf(StoreClosedException.class);
        assertThatThrownBy(() -> readOnly.get(bytes("a"))).isInstanceOf(StoreClosedException.class);
        assertThatThrownBy(() -> readOnly.has(bytes("a"))).isInstanceOf(StoreClosedException.class);
        assertThatThrownBy(readOnly::cursor).isInstanceOf(StoreClosedException.class);
        assertThatThrownBy(() -> readOnly.put(bytes("a"), bytes("1"))).isInstanceOf(StoreClosedException.class);
        assertThatThrownBy(readOnly::newBatch).isInstanceOf(StoreClosedException.class);
    }
}
