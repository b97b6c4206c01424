package org.ethercattle.tck;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.ethercattle.api.Cursor;

/**
 * One key and its value, compared by content, printed in hex: what the suites collect from cursors
 * and from the {@link ReferenceModel} so that a failed comparison shows readable bytes.
 *
 * @param key   the key; not copied
 * @param value the value; not copied
 */
public record KeyValue(byte[] key, byte[] value) {

    public KeyValue {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyValue other && Arrays.equals(key, other.key) && Arrays.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(key) + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return hex(key) + "=" + hex(value);
    }

    /** Reads {@code cursor} from where it stands to its end (it does not close it). */
    public static List<KeyValue> drain(Cursor cursor) {
        List<KeyValue> entries = new ArrayList<>();
        while (cursor.next()) {
            entries.add(new KeyValue(cursor.key(), cursor.value()));
        }
        return entries;
    }

    /** Hex of {@code bytes}, shortened past 32 bytes so a large value does not flood a failure message. */
    public static String hex(byte[] bytes) {
        if (bytes == null) {
            return "null";
        }
        if (bytes.length <= 32) {
            return "0x" + HexFormat.of().formatHex(bytes);
        }
        return "0x" + HexFormat.of().formatHex(bytes, 0, 32) + "..(" + bytes.length + " B)";
    }
}
