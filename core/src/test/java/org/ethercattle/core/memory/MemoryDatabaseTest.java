package org.ethercattle.core.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.ethercattle.api.Batch;
import org.ethercattle.api.Cursor;
import org.ethercattle.api.Database;
import org.ethercattle.api.ReadOnlyException;
import org.ethercattle.api.StoreClosedException;
import org.ethercattle.api.StoreException;
import org.ethercattle.api.Stores;
import org.ethercattle.api.spi.OpenMode;
import org.ethercattle.api.spi.SpecException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MemoryDatabaseTest {

    private final String name = "db-" + UUID.randomUUID();

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> keys(Cursor cursor) {
        List<String> out = new ArrayList<>();
        try (cursor) {
            while (cursor.next()) {
                out.add(new String(cursor.key(), StandardCharsets.ISO_8859_1));
            }
        }
        return out;
    }

    @Test
    @DisplayName("handles opened on one name share data, and closing one keeps the data for the next")
    void sharedByName() {
        Database first = Stores.open("memory:" + name);
        Database second = Stores.open("memory:" + name);
        first.put(b("k"), b("v"));

        assertThat(second.get(b("k"))).isEqualTo(b("v"));
        first.close();
        assertThat(second.get(b("k"))).isEqualTo(b("v"));
        second.close();
        try (Database third = Stores.open("memory:" + name)) {
            assertThat(third.get(b("k"))).isEqualTo(b("v"));
        }
        assertThat(MemoryDatabase.discard(name)).isTrue();
        try (Database fresh = Stores.open("memory:" + name)) {
            assertThat(fresh.get(b("k"))).isNull();
        }
    }

    @Test
    @DisplayName("the empty name opens a private store")
    void privateStores() {
        try (Database a = Stores.open("memory:"); Database b = Stores.open("memory:")) {
            a.put(b("k"), b("v"));
            assertThat(b.get(b("k"))).isNull();
        }
    }

    @Test
    @DisplayName("read-only handles refuse writes and batches; read-only open of a missing name fails")
    void readOnly() {
        try (Database writer = Stores.open("memory:" + name);
             Database reader = Stores.open("memory:" + name, OpenMode.READ_ONLY)) {
            writer.put(b("k"), b("v"));
            assertThat(reader.get(b("k"))).isEqualTo(b("v"));
            assertThatThrownBy(() -> reader.put(b("k"), b("w"))).isInstanceOf(ReadOnlyException.class);
            assertThatThrownBy(() -> reader.delete(b("k"))).isInstanceOf(ReadOnlyException.class);
            assertThatThrownBy(reader::newBatch).isInstanceOf(ReadOnlyException.class);
        }
        assertThatThrownBy(() -> Stores.open("memory:missing-" + name, OpenMode.READ_ONLY))
                .isInstanceOf(StoreException.class).hasMessageContaining("missing-" + name);
    }

    @Test
    @DisplayName("use after close throws StoreClosedException, close is idempotent, cursors and batches die with it")
    void useAfterClose() {
        Database db = MemoryDatabase.open();
        Batch batch = db.newBatch();
        batch.put(b("a"), b("1"));
        Cursor cursor = db.cursor();
        db.close();
        db.close();

        assertThatThrownBy(() -> db.get(b("a"))).isInstanceOf(StoreClosedException.class);
        assertThatThrownBy(() -> db.put(b("a"), b("1"))).isInstanceOf(StoreClosedException.class);
        assertThatThrownBy(db::newBatch).isInstanceOf(StoreClosedException.class);
        assertThatThrownBy(db::cursor).isInstanceOf(StoreClosedException.class);
        assertThatThrownBy(batch::write).isInstanceOf(StoreClosedException.class);
        assertThatThrownBy(cursor::next).isInstanceOf(StoreClosedException.class);
    }

    @Test
    @DisplayName("arrays are copied in and out")
    void copies() {
        try (Database db = MemoryDatabase.open()) {
            byte[] key = b("k");
            byte[] value = b("v");
            db.put(key, value);
            key[0] = 'x';
            value[0] = 'x';
            byte[] read = db.get(b("k"));
            read[0] = 'y';

            assertThat(db.get(b("k"))).isEqualTo(b("v"));
            try (Batch batch = db.newBatch()) {
                byte[] batchValue = b("w");
                batch.put(b("k"), batchValue);
                batchValue[0] = 'z';
                batch.write();
                assertThat(db.get(b("k"))).isEqualTo(b("w"));
            }
        }
    }

    @Test
    @DisplayName("cursors order keys unsigned and follow geth's NewIterator(prefix, start)")
    void cursorPrefixAndStart() {
        try (Database db = MemoryDatabase.open()) {
            for (String k : List.of("a", "ab", "abc", "abd", "b", "\u00ff", "\u00ff\u00ff", "\u00ff\u00ffz", "\u0000")) {
                db.put(k.getBytes(StandardCharsets.ISO_8859_1), b("v"));
            }
            assertThat(keys(db.cursor())).containsExactly("\u0000", "a", "ab", "abc", "abd", "b", "\u00ff",
                    "\u00ff\u00ff", "\u00ff\u00ffz");
            assertThat(keys(db.cursor(b("ab"), new byte[0]))).containsExactly("ab", "abc", "abd");
            assertThat(keys(db.cursor(b("ab"), b("d")))).containsExactly("abd");
            assertThat(keys(db.cursor(b("a"), b("b")))).containsExactly("ab", "abc", "abd");
            assertThat(keys(db.cursor(new byte[] {(byte) 0xff}, new byte[0])))
                    .containsExactly("\u00ff", "\u00ff\u00ff", "\u00ff\u00ffz");
            assertThat(keys(db.cursor(new byte[] {(byte) 0xff, (byte) 0xff}, b("a")))).containsExactly("\u00ff\u00ffz");
            assertThat(keys(db.cursor(null, null))).hasSize(9);
            assertThat(keys(db.cursor(b("c"), null))).isEmpty();
        }
    }

    @Test
    @DisplayName("a cursor sees the store as of its creation")
    void cursorSnapshot() {
        try (Database db = MemoryDatabase.open()) {
            db.put(b("a"), b("1"));
            Cursor cursor = db.cursor();
            db.put(b("b"), b("2"));
            db.put(b("a"), b("changed"));
            db.delete(b("a"));

            assertThat(cursor.next()).isTrue();
            assertThat(cursor.value()).isEqualTo(b("1"));
            assertThat(cursor.next()).isFalse();
            cursor.close();
            assertThatThrownBy(cursor::key).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    @DisplayName("cursors never see part of a batch written concurrently")
    void batchesAreAtomicForCursors() throws InterruptedException {
        try (Database db = MemoryDatabase.open()) {
            AtomicBoolean stop = new AtomicBoolean();
            Thread writer = new Thread(() -> {
                try (Batch batch = db.newBatch()) {
                    for (int round = 0; !stop.get(); round++) {
                        batch.reset();
                        for (int k = 0; k < 50; k++) {
                            batch.put(new byte[] {(byte) k}, Integer.toString(round).getBytes(StandardCharsets.US_ASCII));
                        }
                        batch.write();
                    }
                }
            });
            writer.start();
            try {
                for (int i = 0; i < 300; i++) {
                    List<String> values = new ArrayList<>();
                    try (Cursor cursor = db.cursor()) {
                        while (cursor.next()) {
                            values.add(new String(cursor.value(), StandardCharsets.US_ASCII));
                        }
                    }
                    if (!values.isEmpty()) {
                        assertThat(values).as("one batch's values, all or none").hasSize(50).containsOnly(values.get(0));
                    }
                }
            } finally {
                stop.set(true);
                writer.join();
            }
        }
    }

    @Test
    @DisplayName("a batch applies in order, keeps its writes after write(), replays them, and counts bytes")
    void batchSemantics() {
        try (Database db = MemoryDatabase.open(); Batch batch = db.newBatch()) {
            batch.put(b("k"), b("1"));
            batch.delete(b("k"));
            batch.put(b("k"), b("22"));
            batch.delete(b("gone"));
            assertThat(batch.count()).isEqualTo(4);
            assertThat(batch.valueSize()).isEqualTo(1 + 1 + 1 + 1 + 2 + 4);

            batch.write();
            assertThat(db.get(b("k"))).isEqualTo(b("22"));
            db.delete(b("k"));
            batch.write();
            assertThat(db.get(b("k"))).isEqualTo(b("22"));

            List<String> replayed = new ArrayList<>();
            batch.replay(new org.ethercattle.api.KeyValueWriter() {
                @Override
                public void put(byte[] key, byte[] value) {
                    replayed.add("put " + new String(key, StandardCharsets.UTF_8) + "=" + new String(value, StandardCharsets.UTF_8));
                }

                @Override
                public void delete(byte[] key) {
                    replayed.add("delete " + new String(key, StandardCharsets.UTF_8));
                }
            });
            assertThat(replayed).containsExactly("put k=1", "delete k", "put k=22", "delete gone");
            batch.reset();
            assertThat(batch.count()).isZero();
            assertThat(batch.valueSize()).isZero();
            batch.close();
            assertThatThrownBy(batch::count).isInstanceOf(StoreClosedException.class);
        }
    }

    @Test
    @DisplayName("empty keys and values are stored and told apart from absence")
    void emptyKeysAndValues() {
        try (Database db = MemoryDatabase.open()) {
            db.put(new byte[0], new byte[0]);
            assertThat(db.get(new byte[0])).isEmpty();
            assertThat(db.has(new byte[0])).isTrue();
            assertThat(db.has(b("x"))).isFalse();
        }
    }

    @Test
    @DisplayName("specs with parameters or a host are refused")
    void specValidation() {
        assertThatThrownBy(() -> Stores.open("memory:" + name + "?cacheSize=1m"))
                .isInstanceOf(SpecException.class).hasMessageContaining("cacheSize");
        assertThatThrownBy(() -> Stores.open("memory://host/" + name)).isInstanceOf(SpecException.class);
    }
}
