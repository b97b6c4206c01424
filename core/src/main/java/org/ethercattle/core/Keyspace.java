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
 * replica's checkpoint and head-guard memory are not user data). Each walk sees the consistent view of one
 * cursor per store; comparing stores that are still being written compares two unrelated instants.
 */
public final class Keyspace {

    private static final int SHOWN_BYTES = 32;

    private Keyspace() {}

    /**
     * The first difference between two stores' user keys, in key order, described for people (key in hex,
     * what each side holds), or empty when both hold the same keys with the same values.
     */
    public static Optional<String> firstDifference(Database expected, Database actual) {
        try (Cursor want = expected.cursor(); Cursor got = actual.cursor()) {
            boolean hasWant = nextUserKey(want);
            boolean hasGot = nextUserKey(got);
            while (hasWant || hasGot) {
                if (!hasGot) {
                    return Optional.of("key " + hex(want.key()) + " is missing from the actual store (expected value "
                            + hex(want.value()) + ")");
                }
                if (!hasWant) {
                    return Optional.of("key " + hex(got.key()) + " is in the actual store (value " + hex(got.value())
                            + ") but not in the expected one");
                }
                byte[] wantKey = want.key();
                byte[] gotKey = got.key();
                int order = Arrays.compareUnsigned(wantKey, gotKey);
                if (order < 0) {
                    return Optional.of("key " + hex(wantKey) + " is missing from the actual store (expected value "
                            + hex(want.value()) + ")");
                }
                if (order > 0) {
                    return Optional.of("key " + hex(gotKey) + " is in the actual store (value " + hex(got.value())
                            + ") but not in the expected one");
                }
                byte[] wantValue = want.value();
                byte[] gotValue = got.value();
                if (!Arrays.equals(wantValue, gotValue)) {
                    return Optional.of("key " + hex(wantKey) + " has value " + hex(gotValue)
                            + " in the actual store but " + hex(wantValue) + " in the expected one");
                }
                hasWant = nextUserKey(want);
                hasGot = nextUserKey(got);
            }
            return Optional.empty();
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
        while (cursor.next()) {
            if (!ReservedKeys.isReserved(cursor.key())) {
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
