package org.ethercattle.api;

/**
 * A forward iterator over keys in unsigned lexicographic order, opened by
 * {@link Database#cursor(byte[], byte[])}; mirrors go-ethereum's {@code ethdb.Iterator}.
 *
 * <p>Starts before the first entry: call {@link #next()} first. The view is consistent as of the
 * cursor's creation; writes made after it may or may not be seen, but a batch is never seen in part.
 * Not thread-safe. Must be closed; {@link #close()} is idempotent, and {@link #key()} or
 * {@link #value()} after close, or before a successful {@link #next()}, throws
 * {@link IllegalStateException}.
 */
public interface Cursor extends AutoCloseable {

    /** Moves to the next entry; returns {@code false} when there is none. */
    boolean next();

    /** The current key, as a fresh copy. */
    byte[] key();

    /** The current value, as a fresh copy. */
    byte[] value();

    @Override
    void close();
}
