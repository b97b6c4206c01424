package org.ethercattle.api;

/**
 * A forward iterator over keys in unsigned lexicographic order, opened by
 * {@link Database#cursor(byte[], byte[])}; mirrors go-ethereum's {@code ethdb.Iterator}. The clauses are
 * numbered for the TCK's tests to name:
 *
 * <ol>
 *   <li><b>C1 Order.</b> The cursor yields each key in its range once, with its value, in unsigned
 *       lexicographic order.</li>
 *   <li><b>C2 Range.</b> The range is the keys that start with {@code prefix}, from the first key
 *       {@code >= prefix + start} (see {@link Database#cursor(byte[], byte[])}); {@code null} means empty.
 *       The bounds are taken when the cursor opens: changing the arrays afterwards does not move them.</li>
 *   <li><b>C3 Start.</b> A cursor starts before the first entry: call {@link #next()} first; it returns
 *       {@code false} once there is no entry left (at once for an empty range).</li>
 *   <li><b>C4 View.</b> The view is consistent as of the cursor's creation: it holds every write completed
 *       before it; writes made after it may or may not be seen (a store with snapshot cursors never shows
 *       them), but a batch is never seen in part.</li>
 *   <li><b>C5 Copies.</b> {@link #key()} and {@link #value()} return fresh copies the caller may
 *       change.</li>
 *   <li><b>C6 Threads.</b> Not thread-safe: one thread at a time, though it may move between threads. Any
 *       number of cursors may be open at once, each walking on its own.</li>
 *   <li><b>C7 Lifecycle.</b> A cursor must be closed; {@link #close()} is idempotent. {@link #key()} and
 *       {@link #value()} before a successful {@link #next()}, after {@code next()} returned {@code false},
 *       or after the cursor was closed throw {@link IllegalStateException}; so does {@link #next()} after
 *       the cursor was closed.</li>
 *   <li><b>C8 Closed store.</b> Once the cursor's database is closed, every call but {@code close()}
 *       throws {@link StoreClosedException} or {@link IllegalStateException}; it never touches freed
 *       memory.</li>
 * </ol>
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
