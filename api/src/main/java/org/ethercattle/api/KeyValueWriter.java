package org.ethercattle.api;

/**
 * Something that accepts puts and deletes: a {@link Database}, a {@link Batch}, or the target of
 * {@link Batch#replay(KeyValueWriter)}. The clauses are numbered for the TCK's tests to name:
 *
 * <ol>
 *   <li><b>W1</b> {@link #put} sets a key to a value, replacing any earlier value (also after a
 *       delete).</li>
 *   <li><b>W2</b> {@link #delete} removes a key and leaves every other key alone; deleting an absent key
 *       is not an error and changes nothing.</li>
 *   <li><b>W3</b> Byte arrays passed in are not retained after the call returns unless the implementation
 *       documents otherwise; a caller may reuse them. A writer never modifies the arrays it is given (so
 *       {@link Batch#replay(KeyValueWriter)} may hand over its own arrays without copying).</li>
 *   <li><b>W4</b> {@code null} keys and values are rejected with {@link NullPointerException}.</li>
 *   <li><b>W5</b> An empty array is a valid value, and a valid key unless the store documents a key limit
 *       (LMDB: no empty keys, at most 511 bytes), in which case a key outside it is refused with
 *       {@link StoreException} or {@link IllegalArgumentException} naming the limit, and never stored.</li>
 * </ol>
 */
public interface KeyValueWriter {

    /** Sets {@code key} to {@code value}, replacing any earlier value. */
    void put(byte[] key, byte[] value);

    /** Removes {@code key}; deleting an absent key is not an error. */
    void delete(byte[] key);
}
