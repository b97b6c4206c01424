package org.ethercattle.store.layered;

import java.util.Arrays;
import org.ethercattle.api.StoreException;

/**
 * How the top layer of a {@link LayeredDatabase} stores what it holds: every top value starts with a
 * one-byte tag, {@link #VALUE_TAG} followed by the user's value, or the single byte
 * {@link #TOMBSTONE_TAG} alone for a deleted key.
 *
 * <p>Why a tag rather than tombstone keys in a reserved range: a tombstone then lives under the very key
 * it hides, so a point read is one top lookup (then the bottom only when the top has nothing), and a
 * cursor merges exactly two sorted streams (top, bottom) instead of three. The cost is one byte per top
 * value and one copy when a value is tagged or untagged. No real key can collide with a tombstone,
 * because tombstones are not keys at all.
 */
final class TopValue {

    /** First byte of a top value that holds a user's value. */
    static final byte VALUE_TAG = 0x01;
    /** First (and only) byte of a top value that marks its key deleted. */
    static final byte TOMBSTONE_TAG = 0x00;

    private static final byte[] TOMBSTONE = {TOMBSTONE_TAG};

    private TopValue() {}

    /** The top value that marks a key deleted; shared, never modified (writers do not modify arrays). */
    static byte[] tombstone() {
        return TOMBSTONE;
    }

    /** {@code value} tagged for the top layer: a new array one byte longer. */
    static byte[] wrap(byte[] value) {
        byte[] stored = new byte[value.length + 1];
        stored[0] = VALUE_TAG;
        System.arraycopy(value, 0, stored, 1, value.length);
        return stored;
    }

    /** Whether the stored top value {@code stored} marks its key deleted. */
    static boolean isTombstone(byte[] stored) {
        return tag(stored) == TOMBSTONE_TAG;
    }

    /** The user's value inside the stored top value {@code stored} (which must not be a tombstone); a fresh copy. */
    static byte[] unwrap(byte[] stored) {
        return Arrays.copyOfRange(stored, 1, stored.length);
    }

    private static byte tag(byte[] stored) {
        if (stored.length == 0 || (stored[0] != VALUE_TAG && stored[0] != TOMBSTONE_TAG)) {
            throw new StoreException("the top layer holds a value without a layered-store tag (first byte "
                    + (stored.length == 0 ? "missing" : String.format("0x%02x", stored[0]))
                    + "); the top store was written by something other than a layered store: give the layered"
                    + " store a fresh, empty top");
        }
        return stored[0];
    }
}
