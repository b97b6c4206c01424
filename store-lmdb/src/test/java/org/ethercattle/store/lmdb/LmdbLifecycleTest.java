package org.ethercattle.store.lmdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.ethercattle.api.Batch;
import org.ethercattle.api.Cursor;
import org.ethercattle.api.Database;
import org.ethercattle.api.StoreClosedException;
import org.ethercattle.api.Stores;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Closing, use after close, and cursors crossing threads: never a crash in native code. */
class LmdbLifecycleTest {

    @TempDir
    Path dir;

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private Database open() {
        return Stores.open("lmdb:" + dir.resolve("db"));
    }

    @Test
    @DisplayName("every call after close throws StoreClosedException; close is idempotent")
    void useAfterClose() {
        Database db = open();
        db.put(b("k"), b("v"));
        Batch batch = db.newBatch();
        batch.put(b("q"), b("w"));
        db.close();
        db.close();
        assertThatThrownBy(() -> db.get(b("k"))).isInstanceOf(StoreClosedException.class);
        assertThatThrownBy(() -> db.has(b("k"))).isInstanceOf(StoreClosedException.class);
        assertThatThrownBy(() -> db.put(b("k"), b("v"))).isInstanceOf(StoreClosedException.class);
        assertThatThrownBy(() -> db.delete(b("k"))).isInstanceOf(StoreClosedException.class);
        assertThatThrownBy(db::newBatch).isInstanceOf(StoreClosedException.class);
        assertThatThrownBy(db::cursor).isInstanceOf(StoreClosedException.class);
        assertThatThrownBy(batch::write).isInstanceOf(StoreClosedException.class);
        assertThatThrownBy(() -> ((LmdbDatabase) db).checkpoint(dir.resolve("copy")))
                .isInstanceOf(StoreClosedException.class);
        batch.close();
        batch.close();
    }

    @Test
    @DisplayName("a closed batch refuses every call but close")
    void batchAfterClose() {
        try (Database db = open()) {
            Batch batch = db.newBatch();
            batch.put(b("k"), b("v"));
            batch.close();
            assertThatThrownBy(batch::write).isInstanceOf(StoreClosedException.class);
            assertThatThrownBy(() -> batch.put(b("k"), b("v"))).isInstanceOf(StoreClosedException.class);
            assertThatThrownBy(batch::count).isInstanceOf(StoreClosedException.class);
            assertThat(db.get(b("k"))).isNull();
        }
    }

    @Test
    @DisplayName("closing the store with cursors open closes them: next() throws, key() is illegal, close() is fine")
    void closeWithOpenCursors() {
        Database db = open();
        for (int i = 0; i < 10; i++) {
            db.put(b("k" + i), b("v" + i));
        }
        Cursor positioned = db.cursor();
        assertThat(positioned.next()).isTrue();
        Cursor fresh = db.cursor();
        db.close();
        assertThatThrownBy(positioned::next).isInstanceOf(StoreClosedException.class);
        assertThatThrownBy(positioned::key).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(positioned::value).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(fresh::next).isInstanceOf(StoreClosedException.class);
        positioned.close();
        fresh.close();
    }

    @Test
    @DisplayName("a cursor sees the data as of its creation, not later writes")
    void cursorSnapshot() {
        try (Database db = open()) {
            db.put(b("a"), b("1"));
            try (Cursor c = db.cursor()) {
                db.put(b("b"), b("2"));
                db.put(b("a"), b("changed"));
                assertThat(c.next()).isTrue();
                assertThat(c.value()).isEqualTo(b("1"));
                assertThat(c.next()).isFalse();
            }
        }
    }

    @Test
    @DisplayName("a cursor opened on one thread can be advanced and closed on another (MDB_NOTLS)")
    void cursorCrossesThreads() throws Exception {
        ExecutorService other = Executors.newSingleThreadExecutor();
        try (Database db = open()) {
            db.put(b("a"), b("1"));
            db.put(b("b"), b("2"));
            Cursor c = db.cursor();
            assertThat(c.next()).isTrue();
            CompletableFuture<byte[]> second = CompletableFuture.supplyAsync(() -> {
                assertThat(c.next()).isTrue();
                byte[] key = c.key();
                c.close();
                return key;
            }, other);
            assertThat(second.get()).isEqualTo(b("b"));
            // Its reader slot is free again and the store still writes (no growth is blocked).
            db.put(b("c"), b("3"));
        } finally {
            other.shutdown();
        }
    }

    @Test
    @DisplayName("many more cursors than reader slots can be opened one after another")
    void readerSlotsAreReleased() {
        try (Database db = Stores.open("lmdb:" + dir.resolve("db") + "?maxReaders=4")) {
            db.put(b("k"), b("v"));
            for (int i = 0; i < 100; i++) {
                try (Cursor c = db.cursor()) {
                    assertThat(c.next()).isTrue();
                }
                assertThat(db.get(b("k"))).isEqualTo(b("v"));
            }
        }
    }
}
