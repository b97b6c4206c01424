package org.ethercattle.core.capture;

import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.ethercattle.api.Batch;
import org.ethercattle.api.Cursor;
import org.ethercattle.api.Database;
import org.ethercattle.api.ReservedKeys;
import org.ethercattle.api.StoreClosedException;
import org.ethercattle.api.StoreException;
import org.ethercattle.api.log.LogProducer;
import org.ethercattle.api.log.Position;
import org.ethercattle.api.record.ChangeRecord;
import org.ethercattle.api.record.Codec;
import org.ethercattle.api.record.Op;

/**
 * A master's store wrapped with change capture: every write is first appended to the log as a
 * {@link ChangeRecord}, then applied locally.
 *
 * <ul>
 *   <li><b>Records.</b> Each {@link #put} or {@link #delete} is one record; each {@link Batch#write()}
 *       of a batch from {@link #newBatch()} is one record holding all its ops, which replicas apply
 *       atomically. Records carry this database's random {@link #producerId()} and a sequence that
 *       starts at 0 and grows by one per record, heartbeats included.</li>
 *   <li><b>Order.</b> Sequence assignment, encoding, the appends and the local write happen under one
 *       lock, so the log's order, the sequences and the local store's order of writes agree even when
 *       many threads write. Appends are pipelined: a write does not wait for the log to acknowledge
 *       its record; {@link #flush()} does.</li>
 *   <li><b>Fail-stop.</b> If the log rejects a record (now or when its acknowledgement arrives),
 *       every later write throws {@link StoreException}: replicas would miss that record, so the
 *       master must stop and be restarted once the log works. Writes already applied locally whose
 *       record failed are exactly what replicas may miss.</li>
 *   <li><b>Reserved keys.</b> Writes to keys in {@link ReservedKeys} are rejected with
 *       {@link IllegalArgumentException}; reads pass through.</li>
 *   <li><b>Ownership.</b> Takes ownership of the store and the producer; {@link #close()} closes both.</li>
 * </ul>
 */
public final class CapturingDatabase implements Database {

    private final Database store;
    private final LogProducer log;
    private final Codec codec;
    private final UUID producerId = UUID.randomUUID();
    private final int maxMessageBytes;

    /** Guards sequence, encode, append and local write together (see the class comment). */
    private final Object writeLock = new Object();
    private long nextSequence;
    /** Appends not yet known to be acknowledged, oldest first; completed ones are pruned as we go. */
    private final ArrayDeque<CompletableFuture<Position>> inFlight = new ArrayDeque<>();
    private final AtomicReference<Throwable> appendFailure = new AtomicReference<>();
    private volatile boolean closed;

    /**
     * @param store the local store writes are applied to; owned from here on
     * @param log   the stream records are appended to; owned from here on
     * @param codec the stream's wire format
     */
    public CapturingDatabase(Database store, LogProducer log, Codec codec) {
        this.store = Objects.requireNonNull(store, "store");
        this.log = Objects.requireNonNull(log, "log");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.maxMessageBytes = log.maxMessageBytes();
    }

    /** The random id this database's records carry; a new one per instance. */
    public UUID producerId() {
        return producerId;
    }

    @Override
    public byte[] get(byte[] key) {
        checkOpen();
        return store.get(key);
    }

    @Override
    public boolean has(byte[] key) {
        checkOpen();
        return store.has(key);
    }

    @Override
    public Cursor cursor(byte[] prefix, byte[] start) {
        checkOpen();
        return store.cursor(prefix, start);
    }

    /** Appends a one-op record, then puts locally. */
    @Override
    public void put(byte[] key, byte[] value) {
        checkWritable(key);
        Objects.requireNonNull(value, "value");
        synchronized (writeLock) {
            appendRecord(List.of(Op.put(key, value)));
            store.put(key, value);
        }
    }

    /** Appends a one-op record, then deletes locally. */
    @Override
    public void delete(byte[] key) {
        checkWritable(key);
        synchronized (writeLock) {
            appendRecord(List.of(Op.delete(key)));
            store.delete(key);
        }
    }

    /** A batch whose every {@link Batch#write()} is one record, atomic on replicas. */
    @Override
    public Batch newBatch() {
        checkOpen();
        return new CapturingBatch(this, store.newBatch());
    }

    /**
     * Appends a heartbeat record (no ops, next sequence) so replicas can tell an idle master from a
     * dead one. Thread-safe.
     */
    public void heartbeat() {
        checkOpen();
        synchronized (writeLock) {
            checkNotFailed();
            ChangeRecord record = ChangeRecord.heartbeat(producerId, nextSequence, System.currentTimeMillis());
            append(record);
        }
    }

    /**
     * Waits until every record appended so far is acknowledged by the log.
     *
     * @throws StoreException if any append failed; the database is then fail-stopped
     */
    public void flush() {
        checkOpen();
        flushAppends();
    }

    /** Flushes, then closes the producer, then the store. Idempotent. */
    @Override
    public void close() {
        synchronized (writeLock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        RuntimeException flushFailure = null;
        try {
            flushAppends();
        } catch (RuntimeException e) {
            flushFailure = e;
        }
        try {
            log.close();
        } finally {
            store.close();
        }
        if (flushFailure != null) {
            throw flushFailure;
        }
    }

    /** Called by {@link CapturingBatch#write()}: one record for all of the batch's ops, then the local write. */
    void writeBatch(List<Op> ops, Batch local) {
        checkOpen();
        synchronized (writeLock) {
            if (!ops.isEmpty()) {
                appendRecord(ops);
            }
            local.write();
        }
    }

    void checkWritable(byte[] key) {
        Objects.requireNonNull(key, "key");
        checkOpen();
        if (ReservedKeys.isReserved(key)) {
            throw new IllegalArgumentException("key 0x" + HexFormat.of().formatHex(key, 0, Math.min(key.length, 24))
                    + (key.length > 24 ? ".." : "") + " lies in the range Cattle reserves for its own bookkeeping"
                    + " (keys starting with 0x00 'cattle' 0x00); store user data under other keys");
        }
    }

    void checkOpen() {
        if (closed) {
            throw new StoreClosedException("capturing database " + producerId);
        }
    }

    private void appendRecord(List<Op> ops) {
        checkNotFailed();
        append(ChangeRecord.batch(producerId, nextSequence, System.currentTimeMillis(), ops));
    }

    /** Encodes and appends {@code record}; the sequence is spent only once every message is handed to the log. */
    private void append(ChangeRecord record) {
        List<byte[]> messages = codec.encode(record, maxMessageBytes);
        try {
            for (byte[] message : messages) {
                CompletableFuture<Position> ack = log.append(message);
                ack.whenComplete((position, error) -> {
                    if (error != null) {
                        appendFailure.compareAndSet(null, unwrap(error));
                    }
                });
                while (!inFlight.isEmpty() && inFlight.peekFirst().isDone()) {
                    inFlight.pollFirst();
                }
                inFlight.addLast(ack);
            }
        } catch (RuntimeException e) {
            appendFailure.compareAndSet(null, e);
            throw stopped();
        }
        nextSequence++;
    }

    private void flushAppends() {
        try {
            log.flush();
        } catch (RuntimeException e) {
            // Whether the records in flight reached the log is unknown: replicas may miss them.
            appendFailure.compareAndSet(null, e);
            throw stopped();
        }
        CompletableFuture<?>[] pending;
        synchronized (writeLock) {
            pending = inFlight.toArray(CompletableFuture[]::new);
            inFlight.clear();
        }
        for (CompletableFuture<?> ack : pending) {
            try {
                ack.get();
            } catch (ExecutionException e) {
                appendFailure.compareAndSet(null, unwrap(e.getCause()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException("interrupted while waiting for the log to acknowledge records of"
                        + " capturing database " + producerId + "; call flush() again to be sure they arrived", e);
            }
        }
        checkNotFailed();
    }

    private void checkNotFailed() {
        if (appendFailure.get() != null) {
            throw stopped();
        }
    }

    private StoreException stopped() {
        Throwable cause = appendFailure.get();
        return new StoreException("capturing database " + producerId + " stopped accepting writes because appending"
                + " a record to the log failed (" + cause + "); replicas would miss writes. Fix the log, then restart"
                + " the master (writes applied locally after the failed record may be missing on replicas:"
                + " rebuild them from this master's store if so)", cause);
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
