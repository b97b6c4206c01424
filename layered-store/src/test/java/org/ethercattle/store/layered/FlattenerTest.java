package org.ethercattle.store.layered;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.ethercattle.api.Cursor;
import org.ethercattle.api.Database;
import org.ethercattle.api.ReservedKeys;
import org.ethercattle.api.StoreException;
import org.ethercattle.core.memory.MemoryDatabase;
import org.ethercattle.tck.KeyValue;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Folding a layered store into a plain one leaves a store that reads exactly like the layered one. */
class FlattenerTest {

    private static final byte[] CHECKPOINT = ReservedKeys.key("checkpoint/s");

    @Test
    @DisplayName("copy writes the merged view, checkpoint included, into an empty store")
    void copyWritesTheMergedView() {
        try (LayeredDatabase layered = sample(); Database target = MemoryDatabase.open()) {
            List<KeyValue> expected = entries(layered);
            assertThat(Flattener.copy(layered, target)).isEqualTo(expected.size());
            assertThat(entries(target)).containsExactlyElementsOf(expected);
            assertThat(target.get(CHECKPOINT)).isEqualTo(utf8("top position"));
        }
    }

    @Test
    @DisplayName("copy refuses a target that holds keys")
    void copyRefusesANonEmptyTarget() {
        try (LayeredDatabase layered = sample(); Database target = MemoryDatabase.open()) {
            target.put(utf8("x"), utf8("y"));
            assertThatThrownBy(() -> Flattener.copy(layered, target)).isInstanceOf(StoreException.class)
                    .hasMessageContaining("not empty");
        }
    }

    @Test
    @DisplayName("folding the raw top into the bottom applies values and tombstones: the bottom alone then reads like the layers")
    void foldIntoBottom() {
        LayeredDatabase layered = sample();
        List<KeyValue> expected = entries(layered);
        Flattener.foldTopIntoBottom(layered.top(), layered.bottom());
        assertThat(entries(layered.bottom())).containsExactlyElementsOf(expected);
        assertThat(layered.bottom().get(CHECKPOINT)).isEqualTo(utf8("top position"));
        layered.close();
    }

    private static LayeredDatabase sample() {
        Database bottom = MemoryDatabase.open();
        bottom.put(utf8("keep"), utf8("b"));
        bottom.put(utf8("overwritten"), utf8("b"));
        bottom.put(utf8("deleted"), utf8("b"));
        bottom.put(CHECKPOINT, utf8("snapshot position"));
        LayeredDatabase layered = new LayeredDatabase(MemoryDatabase.open(), bottom);
        layered.put(utf8("overwritten"), utf8("t"));
        layered.delete(utf8("deleted"));
        layered.delete(utf8("never-existed"));
        layered.put(utf8("new"), new byte[0]);
        layered.put(CHECKPOINT, utf8("top position"));
        return layered;
    }

    private static List<KeyValue> entries(Database db) {
        try (Cursor cursor = db.cursor()) {
            return KeyValue.drain(cursor);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
