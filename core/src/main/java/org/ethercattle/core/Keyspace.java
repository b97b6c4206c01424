package org.ethercattle.core;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import org.ethercattle.api.Cursor;
import org.ethercattle.api.Database;
import org.ethercattle.api.ReservedKeys;

/**
 * Whole-keyspace checks between stores, e.g. a master and a replica after replay. Every method walks the
 * stores in key order with {@link Database#cursor()} and leaves out keys in {@link ReservedKeys} (the
 * replica's checkpoint and head-guard memory are not user data), except {@link #compare} when asked. Each
 * walk sees the consistent view of one cursor per store; comparing stores that are still being written compares two unrelated instants.
 */
public final class Keyspace {

    /** Longer keys and values are cut short; geth's longest keys (65-byte snapshot storage keys) fit whole. */
    private static final int SHOWN_BYTES = 80;

    private Keyspace() {}

    /**
     * The first difference between two stores' user keys, in key order, described for people (key in hex,
     * what each side holds), or empty when both hold the same keys with the same values.
     */
    public static Optional<String> firstDifference(Database expected, Database actual) {
        return compare(expected, actual, new byte[0], false).difference()
                .map(d -> d.describe("the expected store", "the actual store"));
    }

    /**
     * Walks both stores' keys that start with {@code prefix} side by side, in key order, up to the first key on
     * which they disagree. Keys in {@link ReservedKeys} are left out unless {@code includeReserved}.
     *
     * @param prefix the range to compare; empty for every key. Not retained.
     */
    public static Comparison compare(Database first, Database second, byte[] prefix, boolean includeReserved) {
        try (Cursor a = first.cursor(prefix, new byte[0]); Cursor b = second.cursor(prefix, new byte[0])) {
            boolean hasA = next(a, includeReserved);
            boolean hasB = next(b, includeReserved);
            long equal = 0;
            while (hasA || hasB) {
                int order = !hasB ? -1 : !hasA ? 1 : Arrays.compareUnsigned(a.key(), b.key());
                if (order < 0) {
                    return new Comparison(equal, Optional.of(new Difference(a.key(), a.value(), null)));
                }
                if (order > 0) {
                    return new Comparison(equal, Optional.of(new Difference(b.key(), null, b.value())));
                }
                byte[] valueA = a.value();
                byte[] valueB = b.value();
                if (!Arrays.equals(valueA, valueB)) {
                    return new Comparison(equal, Optional.of(new Difference(a.key(), valueA, valueB)));
                }
                equal++;
                hasA = next(a, includeReserved);
                hasB = next(b, includeReserved);
            }
            return new Comparison(equal, Optional.empty());
        }
    }

    /**
     * What {@link #compare} found.
     *
     * @param equalKeys  how many keys both stores hold with equal values before the difference (all of the
     *                   compared keys when there is none)
     * @param difference the first key on which the stores disagree, or empty when they hold the same keys
     */
    public record Comparison(long equalKeys, Optional<Difference> difference) {}

    /**
     * One key on which two stores disagree. The arrays are the cursor's copies, owned by this record.
     *
     * @param key    the key
     * @param first  its value in the first store, or {@code null} when the first store lacks it
     * @param second its value in the second store, or {@code null} when the second store lacks it
     */
    public record Difference(byte[] key, byte[] first, byte[] second) {

        /**
         * The difference for people, naming the stores {@code firstName} and {@code secondName}: keys and
         * values in hex, long ones cut short and followed by their length.
         */
        public String describe(String firstName, String secondName) {
            if (second == null) {
                return "key " + hex(key) + " is missing from " + secondName + " (" + firstName + " holds "
                        + hex(first) + ")";
            }
            if (first == null) {
                return "key " + hex(key) + " is missing from " + firstName + " (" + secondName + " holds "
                        + hex(second) + ")";
            }
            return "key " + hex(key) + " holds " + hex(first) + " in " + firstName + " but " + hex(second) + " in "
                    + secondName;
        }
    }

    /** The number of keys outside {@link ReservedKeys}. */
    public static long countUserKeys(Database db) {
        long count = 0;
        try (Cursor cursor = db.cursor()) {
            while (nextUserKey(cursor)) {
                count++;
            }
        }
        return count;
    }

    /**
     * SHA-256 over every user key and value in key order, each pair fed as a 4-byte big-endian key length,
     * the key, a 4-byte big-endian value length, the value. Equal digests mean equal user keyspaces (up to
     * SHA-256 collisions) whatever the store kind.
     */
    public static byte[] digest(Database db) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
        byte[] length = new byte[Integer.BYTES];
        try (Cursor cursor = db.cursor()) {
            while (nextUserKey(cursor)) {
                byte[] key = cursor.key();
                byte[] value = cursor.value();
                sha.update(bigEndian(length, key.length));
                sha.update(key);
                sha.update(bigEndian(length, value.length));
                sha.update(value);
            }
        }
        return sha.digest();
    }

    private static boolean nextUserKey(Cursor cursor) {
        return next(cursor, false);
    }

    private static boolean next(Cursor cursor, boolean includeReserved) {
        while (cursor.next()) {
            if (includeReserved || !ReservedKeys.isReserved(cursor.key())) {
                return true;
            }
        }
        return false;
    }

    private static byte[] bigEndian(byte[] out, int value) {
        out[0] = (byte) (value >>> 24);
        out[1] = (byte) (value >>> 16);
        out[2] = (byte) (value >>> 8);
        out[3] = (byte) value;
        return out;
    }

    private static String hex(byte[] bytes) {
        if (bytes.length <= SHOWN_BYTES) {
            return "0x" + HexFormat.of().formatHex(bytes);
        }
        return "0x" + HexFormat.of().formatHex(bytes, 0, SHOWN_BYTES) + "..(" + bytes.length + " B)";
    }
}
