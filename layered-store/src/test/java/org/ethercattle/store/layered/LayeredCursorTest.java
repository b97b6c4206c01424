package org.ethercattle.store.layered;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.ethercattle.api.Batch;
import org.ethercattle.api.Cursor;
import org.ethercattle.api.Database;
import org.ethercattle.api.ReservedKeys;
import org.ethercattle.core.memory.MemoryDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Edge cases of the merge of the two layers' cursors, and reserved keys seen through the layers. */
class LayeredCursorTest {

    private final CountingDatabase top = new CountingDatabase(MemoryDatabase.open());
    private final CountingDatabase bottom = new CountingDatabase(MemoryDatabase.open());
    private final LayeredDatabase layered = new LayeredDatabase(top, bottom);

    @AfterEach
    void close() {
        layered.close();
    }

    @Test
    @DisplayName("a tombstone on the first and the last key of a prefix hides exactly those keys")
    void tombstonesAtPrefixBoundaries() {
        bottom("a", "ab", "abz", "ac", "b");
        layered.delete(utf8("ab"));
        layered.delete(utf8("ac"));
        assertThat(keys("a", "")).containsExactly("a", "abz");
        assertThat(keys("ab", "")).containsExactly("abz");
        layered.delete(utf8("a"));
        assertThat(keys("a", "")).containsExactly("abz");
        assertThat(keys("", "")).containsExactly("abz", "b");
    }

    @Test
    @DisplayName("keys only the top holds interleave with the bottom's in key order")
    void topOnlyKeysInterleave() {
        bottom("b", "d", "f");
        layered.put(utf8("a"), utf8("top"));
        layered.put(utf8("c"), utf8("top"));
        layered.put(utf8("g"), utf8("top"));
        assertThat(keys("", "")).containsExactly("a", "b", "c", "d", "f", "g");
        assertThat(keys("", "c")).containsExactly("c", "d", "f", "g");
    }

    @Test
    @DisplayName("on equal keys the top's value wins and the key shows once")
    void equalKeysShowOnceWithTheTopValue() {
        bottom("k1", "k2", "k3");
        layered.put(utf8("k2"), utf8("new"));
        List<String> entries = new ArrayList<>();
        try (Cursor cursor = layered.cursor()) {
            while (cursor.next()) {
                entries.add(text(cursor.key()) + "=" + text(cursor.value()));
            }
        }
        assertThat(entries).containsExactly("k1=bottom", "k2=new", "k3=bottom");
    }

    @Test
    @DisplayName("when every bottom key is deleted the cursor is empty, and a key put again comes back with its new value")
    void allBottomKeysDeleted() {
        bottom("x", "y");
        try (Batch batch = layered.newBatch()) {
            batch.delete(utf8("x"));
            batch.delete(utf8("y"));
            batch.write();
        }
        assertThat(keys("", "")).isEmpty();
        layered.put(utf8("y"), utf8("again"));
        assertThat(keys("", "")).containsExactly("y");
        assertThat(layered.get(utf8("y"))).isEqualTo(utf8("again"));
        assertThat(layered.get(utf8("x"))).isNull();
        assertThat(layered.has(utf8("x"))).isFalse();
    }

    @Test
    @DisplayName("the raw top holds tagged values and tombstones; the bottom is never written")
    void writesOnlyReachTheTop() {
        bottom("k");
        layered.put(utf8("k"), utf8("v"));
        layered.delete(utf8("k"));
        layered.put(utf8("n"), new byte[0]);
        assertThat(bottom.get(utf8("k"))).isEqualTo(utf8("bottom"));
        assertThat(bottom.get(utf8("n"))).isNull();
        assertThat(top.get(utf8("k"))).containsExactly(TopValue.TOMBSTONE_TAG);
        assertThat(top.get(utf8("n"))).containsExactly(TopValue.VALUE_TAG);
        assertThat(layered.get(utf8("n"))).isEmpty();
    }

    @Test
    @DisplayName("a cursor starting deep inside many keys and tombstones seeks each layer instead of stepping from the first key")
    void cursorSeeksEachLayer() {
        try (Batch batch = bottom.newBatch()) {
            for (int i = 0; i < 20_000; i++) {
                batch.put(utf8(String.format("key/%06d", i)), utf8("bottom"));
            }
            batch.write();
        }
        try (Batch batch = layered.newBatch()) {
            for (int i = 0; i < 20_000; i += 2) {
                batch.delete(utf8(String.format("key/%06d", i)));
            }
            batch.write();
        }
        top.cursorSteps.set(0);
        bottom.cursorSteps.set(0);
        List<String> keys = new ArrayList<>();
        try (Cursor cursor = layered.cursor(utf8("key/"), utf8("015000"))) {
            for (int i = 0; i < 3 && cursor.next(); i++) {
                keys.add(text(cursor.key()));
            }
        }
        assertThat(keys).containsExactly("key/015001", "key/015003", "key/015005");
        assertThat(top.cursorSteps.get() + bottom.cursorSteps.get())
                .as("entries the underlying cursors stepped over to yield 3 (a filter from the start would take ~15000)")
                .isLessThanOrEqualTo(12);
    }

    @Test
    @DisplayName("a reserved key (a replica checkpoint) reads from the bottom until the top has its own, then from the top")
    void checkpointReadsThroughToTheBottom() {
        byte[] checkpoint = ReservedKeys.key("checkpoint/stream");
        bottom.put(checkpoint, utf8("snapshot position"));
        assertThat(layered.get(checkpoint)).isEqualTo(utf8("snapshot position"));
        try (Batch batch = layered.newBatch()) {
            batch.put(utf8("data"), utf8("1"));
            batch.put(checkpoint, utf8("newer position"));
            batch.write();
        }
        assertThat(layered.get(checkpoint)).isEqualTo(utf8("newer position"));
        assertThat(bottom.get(checkpoint)).isEqualTo(utf8("snapshot position"));
        assertThat(keys(text(ReservedKeys.PREFIX), "")).containsExactly(text(checkpoint));
    }

    @Test
    @DisplayName("a batch's replay hands back the user's writes, untagged, deletes as deletes")
    void batchReplayIsUntagged() {
        List<String> seen = new ArrayList<>();
        try (Batch batch = layered.newBatch()) {
            batch.put(utf8("a"), utf8("1"));
            batch.delete(utf8("b"));
            batch.replay(new org.ethercattle.api.KeyValueWriter() {
                @Override
                public void put(byte[] key, byte[] value) {
                    seen.add("put " + text(key) + "=" + text(value));
                }

                @Override
                public void delete(byte[] key) {
                    seen.add("delete " + text(key));
                }
            });
        }
        assertThat(seen).containsExactly("put a=1", "delete b");
    }

    private void bottom(String... keys) {
        for (String key : keys) {
            bottom.put(utf8(key), utf8("bottom"));
        }
    }

    private List<String> keys(String prefix, String start) {
        List<String> keys = new ArrayList<>();
        try (Cursor cursor = layered.cursor(utf8(prefix), utf8(start))) {
            while (cursor.next()) {
                keys.add(text(cursor.key()));
            }
        }
        return keys;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
