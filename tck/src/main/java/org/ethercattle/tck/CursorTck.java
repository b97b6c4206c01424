package org.ethercattle.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.ethercattle.api.Batch;
import org.ethercattle.api.Cursor;
import org.ethercattle.api.Database;
import org.ethercattle.api.StoreClosedException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The {@link Cursor} contract (geth's {@code NewIterator(prefix, start)}): unsigned order, prefix and
 * start bounds including {@code 0xFF} edges, copies out, a consistent view that never shows part of a
 * batch, and lifecycle misuse.
 *
 * <p>Subclass it in the adapter's tests and implement {@link #newStoreSpec(java.nio.file.Path)}.
 */
public abstract class CursorTck extends StoreSuite {

    private static List<KeyValue> read(Database db, byte[] prefix, byte[] start) {
        try (Cursor cursor = db.cursor(prefix, start)) {
            return KeyValue.drain(cursor);
        }
    }

    /** Puts every key of {@code keys} (value: its index) and returns the model of the same content. */
    private static ReferenceModel fill(Database db, List<byte[]> keys) {
        ReferenceModel model = new ReferenceModel();
        for (int i = keys.size() - 1; i >= 0; i--) {
            db.put(keys.get(i), Bytes.of(i));
            model.put(keys.get(i), Bytes.of(i));
        }
        return model;
    }

    private static List<byte[]> edgeKeys() {
        return List.of(Bytes.of(0x00), Bytes.of(0x01), Bytes.of(0x7F), Bytes.of(0x80), Bytes.of(0xFE),
                Bytes.of(0xFE, 0xFF), Bytes.of(0xFF), Bytes.of(0xFF, 0x00), Bytes.of(0xFF, 0xFF),
                Bytes.of(0xFF, 0xFF, 0x00), Bytes.of(0xFF, 0xFF, 0xFF));
    }

    @Test
    @DisplayName("C3: a cursor over an empty store has no entries")
    void required_emptyStoreHasNoEntries() {
        Database db = openNewStore();
        try (Cursor cursor = db.cursor()) {
            assertThat(cursor.next()).isFalse();
        }
    }

    @Test
    @DisplayName("C1: a full cursor yields every key once, in unsigned byte order, with its value")
    void required_fullCursorYieldsEveryKeyInUnsignedOrder() {
        Database db = openNewStore();
        ReferenceModel model = fill(db, edgeKeys());
        assertThat(read(db, new byte[0], new byte[0])).containsExactlyElementsOf(model.all());
    }

    @Test
    @DisplayName("C2: null prefix and start mean the same as empty ones")
    void required_nullPrefixAndStartMeanEmpty() {
        Database db = openNewStore();
        ReferenceModel model = fill(db, edgeKeys());
        assertThat(read(db, null, null)).containsExactlyElementsOf(model.all());
    }

    @Test
    @DisplayName("C2: a prefix limits the cursor to the keys that start with it, the prefix itself included")
    void required_prefixLimitsKeys() {
        Database db = openNewStore();
        ReferenceModel model = fill(db, List.of(Bytes.utf8("a"), Bytes.utf8("ab"), Bytes.utf8("abc"),
                Bytes.utf8("abd"), Bytes.utf8("ac"), Bytes.utf8("b")));
        List<KeyValue> entries = read(db, Bytes.utf8("ab"), new byte[0]);
        assertThat(entries).extracting(e -> Bytes.text(e.key()))
                .containsExactly("ab", "abc", "abd");
        assertThat(entries).containsExactlyElementsOf(model.cursor(Bytes.utf8("ab"), new byte[0]));
    }

    @Test
    @DisplayName("C2: start begins at the first key >= prefix + start and stays within the prefix")
    void required_startWithinPrefix() {
        Database db = openNewStore();
        fill(db, List.of(Bytes.utf8("a1"), Bytes.utf8("a2"), Bytes.utf8("a3"), Bytes.utf8("b1"), Bytes.utf8("b2")));
        assertThat(read(db, Bytes.utf8("a"), Bytes.utf8("2"))).extracting(e -> Bytes.text(e.key()))
                .containsExactly("a2", "a3");
        assertThat(read(db, Bytes.utf8("a"), Bytes.utf8("25"))).extracting(e -> Bytes.text(e.key()))
                .containsExactly("a3");
        assertThat(read(db, new byte[0], Bytes.utf8("a25"))).extracting(e -> Bytes.text(e.key()))
                .containsExactly("a3", "b1", "b2");
    }

    @Test
    @DisplayName("C2: a start beyond every key yields nothing")
    void required_startBeyondAllKeysYieldsNothing() {
        Database db = openNewStore();
        fill(db, edgeKeys());
        assertThat(read(db, new byte[0], Bytes.of(0xFF, 0xFF, 0xFF, 0xFF))).isEmpty();
        assertThat(read(db, Bytes.of(0x01), Bytes.of(0x00))).isEmpty();
    }

    @Test
    @DisplayName("C2: a prefix matching no key yields nothing")
    void required_prefixMatchingNothingYieldsNothing() {
        Database db = openNewStore();
        fill(db, edgeKeys());
        assertThat(read(db, Bytes.of(0x02), new byte[0])).isEmpty();
        assertThat(read(db, Bytes.of(0xFF, 0xFF, 0xFF, 0xFF), new byte[0])).isEmpty();
    }

    @Test
    @DisplayName("C2: prefixes 0xFF and 0xFFFF (no upper bound by incrementing) yield exactly their keys")
    void required_prefixesOfFFBytesYieldTheirKeys() {
        Database db = openNewStore();
        ReferenceModel model = fill(db, edgeKeys());
        for (byte[] prefix : List.of(Bytes.of(0xFF), Bytes.of(0xFF, 0xFF), Bytes.of(0xFE), Bytes.of(0x00))) {
            for (byte[] start : List.of(new byte[0], Bytes.of(0x00), Bytes.of(0xFF))) {
                assertThat(read(db, prefix, start))
                        .as("cursor(%s, %s)", KeyValue.hex(prefix), KeyValue.hex(start))
                        .containsExactlyElementsOf(model.cursor(prefix, start));
            }
        }
        assertThat(read(db, Bytes.of(0xFF), new byte[0])).hasSize(5);
    }

    @Test
    @DisplayName("C1, D1: the empty key comes first and is inside the empty prefix")
    void optional_emptyKeyComesFirst() {
        Assumptions.assumeTrue(capabilities().emptyKeys(), "the store does not take empty keys (capabilities)");
        Database db = openNewStore();
        db.put(Bytes.of(0x00), Bytes.utf8("zero"));
        db.put(new byte[0], Bytes.utf8("empty"));
        assertThat(read(db, new byte[0], new byte[0])).containsExactly(
                new KeyValue(new byte[0], Bytes.utf8("empty")), new KeyValue(Bytes.of(0x00), Bytes.utf8("zero")));
    }

    @Test
    @DisplayName("C7: key() and value() before the first next() throw IllegalStateException")
    void required_keyAndValueBeforeNextThrow() {
        Database db = openNewStore();
        db.put(Bytes.utf8("k"), Bytes.utf8("v"));
        try (Cursor cursor = db.cursor()) {
            assertThatThrownBy(cursor::key).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(cursor::value).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    @DisplayName("C7: key() and value() after next() returned false throw IllegalStateException, and next() stays false")
    void required_keyAndValueAfterExhaustionThrow() {
        Database db = openNewStore();
        db.put(Bytes.utf8("k"), Bytes.utf8("v"));
        try (Cursor cursor = db.cursor()) {
            assertThat(cursor.next()).isTrue();
            assertThat(cursor.next()).isFalse();
            assertThatThrownBy(cursor::key).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(cursor::value).isInstanceOf(IllegalStateException.class);
            assertThat(cursor.next()).isFalse();
        }
    }

    @Test
    @DisplayName("C7: key() and value() after close throw IllegalStateException; close is idempotent")
    void required_keyAndValueAfterCloseThrow() {
        Database db = openNewStore();
        db.put(Bytes.utf8("k"), Bytes.utf8("v"));
        Cursor cursor = db.cursor();
        assertThat(cursor.next()).isTrue();
        cursor.close();
        cursor.close();
        assertThatThrownBy(cursor::key).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(cursor::value).isInstanceOf(IllegalStateException.class);
    }

    @Test
    @DisplayName("C5: arrays returned by key() and value() are copies the caller may change")
    void required_keyAndValueAreCopies() {
        Database db = openNewStore();
        db.put(Bytes.utf8("k"), Bytes.utf8("v"));
        try (Cursor cursor = db.cursor()) {
            assertThat(cursor.next()).isTrue();
            cursor.key()[0] = 'X';
            cursor.value()[0] = 'X';
            assertThat(cursor.key()).isEqualTo(Bytes.utf8("k"));
            assertThat(cursor.value()).isEqualTo(Bytes.utf8("v"));
        }
        assertThat(db.get(Bytes.utf8("k"))).isEqualTo(Bytes.utf8("v"));
    }

    @Test
    @DisplayName("C2: changing the prefix and start arrays after opening a cursor does not move its bounds")
    void required_cursorCopiesItsBounds() {
        Database db = openNewStore();
        fill(db, List.of(Bytes.utf8("a1"), Bytes.utf8("a2"), Bytes.utf8("b1")));
        byte[] prefix = Bytes.utf8("a");
        byte[] start = Bytes.utf8("2");
        try (Cursor cursor = db.cursor(prefix, start)) {
            prefix[0] = 'b';
            start[0] = '0';
            assertThat(KeyValue.drain(cursor)).extracting(e -> Bytes.text(e.key())).containsExactly("a2");
        }
    }

    @Test
    @DisplayName("C4: a cursor sees every write completed before it was opened")
    void required_cursorSeesWritesCompletedBeforeIt() {
        Database db = openNewStore();
        db.put(Bytes.utf8("a"), Bytes.utf8("1"));
        try (Cursor first = db.cursor()) {
            assertThat(first.next()).isTrue();
        }
        db.put(Bytes.utf8("b"), Bytes.utf8("2"));
        db.delete(Bytes.utf8("a"));
        assertThat(read(db, new byte[0], new byte[0])).containsExactly(new KeyValue(Bytes.utf8("b"), Bytes.utf8("2")));
    }

    @Test
    @DisplayName("C4: a cursor keeps the view of its opening: later puts, overwrites, deletes and batches are not seen")
    void optional_cursorIsASnapshot() {
        Assumptions.assumeTrue(capabilities().snapshotCursors(), "the store's cursors are not snapshots (capabilities)");
        Database db = openNewStore();
        ReferenceModel before = fill(db, List.of(Bytes.utf8("a"), Bytes.utf8("c"), Bytes.utf8("e")));
        try (Cursor cursor = db.cursor()) {
            db.put(Bytes.utf8("b"), Bytes.utf8("new"));
            db.put(Bytes.utf8("c"), Bytes.utf8("overwritten"));
            db.delete(Bytes.utf8("e"));
            try (Batch batch = db.newBatch()) {
                batch.put(Bytes.utf8("d"), Bytes.utf8("batched"));
                batch.delete(Bytes.utf8("a"));
                batch.write();
            }
            assertThat(KeyValue.drain(cursor)).containsExactlyElementsOf(before.all());
        }
    }

    @Test
    @DisplayName("C4: a cursor opened while batches are written sees each batch whole or not at all")
    void required_cursorNeverSeesHalfABatch() throws Exception {
        Database db = openNewStore();
        int keysPerBatch = 16;
        byte[] prefix = Bytes.utf8("gen/");
        AtomicBoolean reading = new AtomicBoolean(true);
        AtomicLong written = new AtomicLong();
        ExecutorService writerThread = Executors.newSingleThreadExecutor();
        try {
            Future<Long> writer = writerThread.submit(() -> {
                long generation = 0;
                while (reading.get()) {
                    generation++;
                    try (Batch batch = db.newBatch()) {
                        for (int k = 0; k < keysPerBatch; k++) {
                            byte[] key = Bytes.concat(prefix, Bytes.ofLong(k));
                            if (generation % 5 == 0) {
                                batch.delete(key);
                            } else {
                                batch.put(key, Bytes.ofLong(generation));
                            }
                        }
                        batch.write();
                    }
                    written.set(generation);
                }
                return generation;
            });
            // Keep looking until the writer has really been writing while we looked.
            for (int view = 0; view < 400 || (written.get() < 300 && !writer.isDone()); view++) {
                List<KeyValue> entries = read(db, prefix, new byte[0]);
                assertThat(entries.size()).as("view %d: keys of one batch", view).isIn(0, keysPerBatch);
                if (!entries.isEmpty()) {
                    byte[] generation = entries.get(0).value();
                    assertThat(entries).as("view %d: values of one batch", view)
                            .allSatisfy(e -> assertThat(e.value()).isEqualTo(generation));
                }
            }
            reading.set(false);
            assertThat(writer.get(2, TimeUnit.MINUTES)).isGreaterThanOrEqualTo(300);
        } finally {
            reading.set(false);
            writerThread.shutdownNow();
        }
    }

    @Test
    @DisplayName("C6: many cursors can be open at once, each walking independently")
    void required_manyCursorsOpenAtOnce() {
        Database db = openNewStore();
        List<byte[]> keys = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            keys.add(Bytes.ofLong(i));
        }
        ReferenceModel model = fill(db, keys);
        List<Cursor> cursors = new ArrayList<>();
        List<List<KeyValue>> seen = new ArrayList<>();
        try {
            for (int c = 0; c < 64; c++) {
                cursors.add(db.cursor());
                seen.add(new ArrayList<>());
            }
            boolean any = true;
            while (any) {
                any = false;
                for (int c = 0; c < cursors.size(); c++) {
                    // Cursors advance at different speeds so their positions differ.
                    for (int s = 0; s <= c % 3; s++) {
                        if (cursors.get(c).next()) {
                            seen.get(c).add(new KeyValue(cursors.get(c).key(), cursors.get(c).value()));
                            any = true;
                        }
                    }
                }
            }
        } finally {
            cursors.forEach(Cursor::close);
        }
        for (List<KeyValue> entries : seen) {
            assertThat(entries).containsExactlyElementsOf(model.all());
        }
    }

    @Test
    @DisplayName("C8: closing the store under an open cursor is safe: the cursor then throws, and closes quietly")
    void required_closingStoreWithOpenCursorIsSafe() {
        Database db = openNewStore();
        fill(db, edgeKeys());
        Cursor cursor = db.cursor();
        assertThat(cursor.next()).isTrue();
        db.close();
        assertThatThrownBy(() -> {
            cursor.next();
            cursor.key();
        }).isInstanceOfAny(StoreClosedException.class, IllegalStateException.class);
        cursor.close();
        cursor.close();
    }

    @Test
    @DisplayName("D9, C8: opening a cursor on a closed store throws StoreClosedException")
    void required_cursorOnClosedStoreThrows() {
        Database db = openNewStore();
        db.close();
        assertThatThrownBy(() -> db.cursor().close()).isInstanceOf(StoreClosedException.class);
    }
}
