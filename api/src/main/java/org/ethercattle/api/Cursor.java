package org.ethercattle.api;

/**
 * A forward iterator over keys in unsigned lexicographic order, opened by
 * {@link Database#cursor(byte[], byte[])}; mirrors go-ethereum's {@code ethdb.Iterator}.
 *
 * <p>Starts before the first entry: call {@link #next()} first. The view is consistent as of the
 * cursor's creation; writes made after it may or may not be seen, but a batch is never seen in part.
 * Not thread-safe: one thread at a time, though it may move between threads.
 *
 * <p>Lifecycle. A cursor must be closed; {@link #close()} is idempotent. {@link #key()} and
 * {@link #value()} before a successful {@link #next()}, after {@code next()} returned {@code false},
 * or after the cursor was closed throw {@link IllegalStateException}; so does {@link #next()} after
 * the cursor was closed. Once the cursor's database is closed, every call but {@code close()} throws
 * {@link StoreClosedException} or {@link IllegalStateException}; it never touches freed memory.
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
