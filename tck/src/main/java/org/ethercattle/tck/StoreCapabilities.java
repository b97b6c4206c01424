package org.ethercattle.tck;

/**
 * What a store adapter can do, so that the store suites skip (rather than fail) the tests of
 * capabilities it does not claim. Immutable; start from {@link #full()} and switch off what the store
 * lacks with the withers:
 *
 * <pre>{@code
 * StoreCapabilities.full().withMaxKeyBytes(511)   // LMDB's key limit
 * }</pre>
 *
 * @param persistent      what the store holds survives {@code close()} and a later
 *                        {@code Stores.open} of the same spec
 * @param readOnlyMode    {@code Stores.open(spec, OpenMode.READ_ONLY)} opens an existing store whose
 *                        writes throw {@link org.ethercattle.api.ReadOnlyException}
 * @param snapshotCursors a cursor keeps the view of the moment it was opened: writes made after it
 *                        (completed or not) are never seen through it. Without this flag the suites
 *                        still require that a cursor never shows part of a batch.
 * @param emptyKeys       the empty byte string is a valid key
 * @param maxKeyBytes     the longest key the store takes; {@link #UNLIMITED} when it has no limit of
 *                        its own. A longer key must be refused with an exception, never stored
 *                        truncated.
 * @param maxValueBytes   the longest value the store takes, or {@link #UNLIMITED}; the suites test
 *                        values up to {@code min(maxValueBytes, 16 MiB)}
 * @param oneWriterProcess while one process holds the store open read-write, a read-write open of
 *                        the same spec by another process throws
 *                        {@link org.ethercattle.api.StoreException} saying it is in use, and succeeds
 *                        once that process has closed it (checked with a child JVM, {@link StoreHolder});
 *                        stores that live in one JVM's memory cannot claim it
 * @param checksums        the store checks its data with its own checksums: its
 *                         {@link org.ethercattle.api.Verifiable} pass reports every part checked (no
 *                         {@code UNCHECKED} finding); without, the pass must say what it could not check
 *                         ({@link VerifiableTck})
 */
public record StoreCapabilities(
        boolean persistent,
        boolean readOnlyMode,
        boolean snapshotCursors,
        boolean emptyKeys,
        int maxKeyBytes,
        int maxValueBytes,
        boolean oneWriterProcess,
        boolean checksums) {

    /** No limit of the store's own. */
    public static final int UNLIMITED = Integer.MAX_VALUE;

    public StoreCapabilities {
        if (maxKeyBytes < 1 || maxValueBytes < 1) {
            throw new IllegalArgumentException("maxKeyBytes and maxValueBytes must be at least 1, got "
                    + maxKeyBytes + " and " + maxValueBytes);
        }
    }

    /**
     * A persistent store with read-only mode, snapshot cursors, empty keys, no size limits, one
     * writer process at a time, and checksums.
     */
    public static StoreCapabilities full() {
        return new StoreCapabilities(true, true, true, true, UNLIMITED, UNLIMITED, true, true);
    }

    /** A copy with {@code persistent} set to {@code value}. */
    public StoreCapabilities withPersistent(boolean value) {
        return new StoreCapabilities(value, readOnlyMode, snapshotCursors, emptyKeys, maxKeyBytes, maxValueBytes,
                oneWriterProcess, checksums);
    }

    /** A copy with {@code readOnlyMode} set to {@code value}. */
    public StoreCapabilities withReadOnlyMode(boolean value) {
        return new StoreCapabilities(persistent, value, snapshotCursors, emptyKeys, maxKeyBytes, maxValueBytes,
                oneWriterProcess, checksums);
    }

    /** A copy with {@code snapshotCursors} set to {@code value}. */
    public StoreCapabilities withSnapshotCursors(boolean value) {
        return new StoreCapabilities(persistent, readOnlyMode, value, emptyKeys, maxKeyBytes, maxValueBytes,
                oneWriterProcess, checksums);
    }

    /** A copy with {@code emptyKeys} set to {@code value}. */
    public StoreCapabilities withEmptyKeys(boolean value) {
        return new StoreCapabilities(persistent, readOnlyMode, snapshotCursors, value, maxKeyBytes, maxValueBytes,
                oneWriterProcess, checksums);
    }

    /** A copy with {@code maxKeyBytes} set to {@code value}. */
    public StoreCapabilities withMaxKeyBytes(int value) {
        return new StoreCapabilities(persistent, readOnlyMode, snapshotCursors, emptyKeys, value, maxValueBytes,
                oneWriterProcess, checksums);
    }

    /** A copy with {@code maxValueBytes} set to {@code value}. */
    public StoreCapabilities withMaxValueBytes(int value) {
        return new StoreCapabilities(persistent, readOnlyMode, snapshotCursors, emptyKeys, maxKeyBytes, value,
                oneWriterProcess, checksums);
    }

    /** A copy with {@code oneWriterProcess} set to {@code value}. */
    public StoreCapabilities withOneWriterProcess(boolean value) {
        return new StoreCapabilities(persistent, readOnlyMode, snapshotCursors, emptyKeys, maxKeyBytes, maxValueBytes,
                value, checksums);
    }

    /** A copy with {@code checksums} set to {@code value}. */
    public StoreCapabilities withChecksums(boolean value) {
        return new StoreCapabilities(persistent, readOnlyMode, snapshotCursors, emptyKeys, maxKeyBytes, maxValueBytes,
                oneWriterProcess, value);
    }
}
