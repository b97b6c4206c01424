package org.ethercattle.api;

/**
 * Something that accepts puts and deletes: a {@link Database}, a {@link Batch}, or the target of
 * {@link Batch#replay(KeyValueWriter)}.
 *
 * <p>Byte arrays passed in are not retained after the call returns unless the implementation
 * documents otherwise; a caller may reuse them. {@code null} keys and values are rejected with
 * {@link NullPointerException}; an empty array is a valid key and a valid value.
 */
public interface KeyValueWriter {

    /** Sets {@code key} to {@code value}, replacing any earlier value. */
    void put(byte[] key, byte[] value);

    /** Removes {@code key}; deleting an absent key is not an error. */
    void delete(byte[] key);
}
