package org.ethercattle.core.replay;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.ethercattle.api.Batch;
import org.ethercattle.api.BulkLoadable;
import org.ethercattle.api.CattleException;
import org.ethercattle.api.Codecs;
import org.ethercattle.api.Database;
import org.ethercattle.api.ReservedKeys;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.log.LogEntry;
import org.ethercattle.api.log.LogException;
import org.ethercattle.api.log.Position;
import org.ethercattle.api.record.ChangeRecord;
import org.ethercattle.api.record.Codec;
import org.ethercattle.api.record.CorruptRecordException;
import org.ethercattle.api.record.Op;
import org.ethercattle.api.record.RecordDecoder;
import org.ethercattle.api.replay.HeadGuard;
import org.ethercattle.api.replay.OffsetCheckpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays one log stream into a store: poll, decode, drop duplicates, check producer sequences, pass
 * head-marker writes through the {@link HeadGuard}, and group-commit many records into one store
 * {@link Batch} together with the {@link Checkpoint} that covers them. The rules are described in
 * {@code docs/replay.md}.
 *
 * <ul>
 *   <li><b>Atomicity.</b> A record's ops are applied together or not at all. The checkpoint (and the
 *       head guard's memory) is in the same batch as the data it covers, so after a crash the store's
 *       checkpoint matches its data exactly.</li>
 *   <li><b>Group commit.</b> A batch is written once it holds {@code maxBatchBytes} or when the log
 *       has nothing more ready; never per record.</li>
 *   <li><b>Idempotence.</b> Replaying a suffix again (after a restart) skips records whose producer
 *       sequence is already applied, and re-applies unsequenced ones, whose ops are last-writer-wins.</li>
 *   <li><b>Failure.</b> A corrupt entry, an unknown version, a sequence gap, a write into Cattle's
 *       reserved keys or too many pending bytes stops replay: everything before the bad entry is
 *       committed, nothing after it is applied, {@link ReplayStats#failure()} is set and the error is
 *       thrown. A failed replayer refuses further work; build a new one to retry. A retriable
 *       {@link LogException} from polling does not fail the replayer.</li>
 *   <li><b>Threads.</b> {@link #step()}, {@link #catchUp()} and {@link #run()} are for one replay
 *       thread; {@link #stop()}, {@link #stats()} and {@link #close()} may be called from any thread.</li>
 * </ul>
 *
 * <p>The replayer owns neither the store nor the consumer: {@link #close()} leaves both open. With
 * {@link Builder#readAheadBytes} set it reads the consumer ahead on a thread of its own, only while
 * {@link #step()}, {@link #catchUp()} or {@link #run()} is running (without it, only during a catch-up in
 * bulk-load mode, {@link Builder#catchUpReadAheadBytes}): between those calls nothing touches the
 * consumer. It may then stand past the last entry applied: a new replayer seeks it to its checkpoint
 * anyway, any other reader must seek it first.
 */
public final class Replayer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Replayer.class);

    /** Read-ahead, and bulk-load mode during a long catch-up: what replay polls and makes its other log calls on. */
    private final LogReader reader;
    /** Where replay started and stands: what each commit's checkpoint records. */
    private final ResumePoint resume;
    private final ProducerSequences producers = new ProducerSequences();
    private final String streamId;
    private final RecordDecoder decoder;
    private final HeadGuard guard;
    private final long maxBatchBytes;
    private final Duration pollTimeout;
    /** The {@link StreamContinuity} check the log still owes, run before the first poll; null once done. */
    private Runnable continuityCheck;
    private final Batch batch;

    /** Held by whichever thread is replaying, and by close() so it never closes the batch under it. */
    private final ReentrantLock working = new ReentrantLock();
    private volatile boolean stopRequested;
    private volatile ReplayStats stats;
    private boolean closed;
    private Throwable failure;

    /** Whether entries were processed since the last commit (heartbeats alone make a checkpoint due). */
    private boolean dirty;
    private long pendingRecords;
    private long pendingOps;
    private long pendingBytes;
    private long committedRecords;
    private long committedOps;
    private long committedBytes;

    private Replayer(ReplaySettings settings) {
        Database store = settings.store();
        this.pollTimeout = settings.pollTimeout();
        this.reader = new LogReader(settings);
        this.streamId = reader.consumer().streamId();
        this.guard = settings.headGuard();
        this.maxBatchBytes = settings.maxBatchBytes();
        this.resume = ResumePoint.open(settings, reader.consumer(), producers);
        this.continuityCheck = resume.continuityCheck();
        guard.restore(store, streamId);
        this.decoder = settings.codec().newDecoder(resume.start(), settings.maxPendingBytes());
        this.batch = store.newBatch();
        this.stats = resume.stats(0, 0, 0, null);
        LOG.info("replaying stream {} with codec {} and {}: {}", streamId, settings.codec().name(), guard,
                resume.describeStart());
    }

    /**
     * Starts configuring a replayer of {@code log} into {@code store}. Neither is owned by the replayer.
     */
    public static Builder builder(Database store, LogConsumer log) {
        return new Builder(store, log);
    }

    /** The position replay resumed after (from the store's checkpoint), or empty when it started at the log's start. */
    public Optional<Position> resumedAfter() {
        return Optional.ofNullable(resume.start());
    }

    /**
     * Polls once (waiting up to the poll timeout), applies what arrived, keeps draining what is ready
     * without waiting, and commits when the batch reaches {@code maxBatchBytes} (then returns) or when
     * the log has nothing more ready. Returns the number of batch records applied (heartbeats and
     * duplicates not counted); a record counted here is committed at the latest by the next step,
     * {@link #catchUp()} or {@link #close()}.
     *
     * @throws CattleException the failure that stopped replay (also on every later call)
     * @throws LogException    a retriable log error; the replayer stays usable
     */
    public int step() {
        working.lock();
        try {
            checkUsable();
            return stepLocked();
        } finally {
            reader.pause();
            working.unlock();
        }
    }

    /**
     * Replays until every entry up to the log end observed when called is applied and committed, or
     * until {@link #stop()}. Returns the number of batch records applied.
     *
     * <p>Once this catch-up has applied {@link Builder#bulkLoadAfterBytes} and the store is
     * {@link BulkLoadable}, the store is in bulk-load mode until the catch-up returns (or throws).
     */
    public long catchUp() {
        working.lock();
        Throwable thrown = null;
        try {
            checkUsable();
            checkContinuityOnce();
            Optional<Position> end = reader.consumer().endPosition();
            long applied = 0;
            long bytesBefore = committedBytes;
            if (end.isPresent()) {
                while (!stopRequested && !processedUpTo(end.get())) {
                    applied += stepLocked();
                    reader.catchUpCommitted(committedBytes - bytesBefore, streamId);
                }
            }
            commitIfDirty();
            return applied;
        } catch (RuntimeException | Error e) {
            thrown = e;
            throw e;
        } finally {
            try {
                reader.endCatchUp(thrown);
            } finally {
                reader.pause();
                working.unlock();
            }
        }
    }

    private boolean processedUpTo(Position end) {
        Position last = resume.lastProcessed();
        return last != null && last.compareTo(end) >= 0;
    }

    /**
     * Replays until {@link #stop()} is called from another thread (then commits and returns) or a
     * failure, which it throws. Retriable log errors are logged and retried after the poll timeout.
     */
    public void run() {
        working.lock();
        try {
            checkUsable();
            boolean retrying = false;
            while (!stopRequested) {
                try {
                    stepLocked();
                    retrying = false;
                } catch (LogException e) {
                    if (!e.isRetriable() || failure != null) {
                        throw e;
                    }
                    if (!retrying) {
                        LOG.warn("polling stream {} failed, retrying: {}", streamId, e.getMessage());
                        retrying = true;
                    }
                    pause();
                }
            }
            commitIfDirty();
        } finally {
            reader.pause();
            working.unlock();
        }
    }

    /**
     * Asks {@link #run()} and {@link #catchUp()} to return after the step in progress. Sticky: a later
     * {@code run()} or {@code catchUp()} returns at once. Callable from any thread.
     */
    public void stop() {
        stopRequested = true;
    }

    /** What has been committed so far, and the failure if replay stopped on one. Any thread. */
    public ReplayStats stats() {
        return stats;
    }

    /**
     * Stops, waits for the replay thread to leave its step, commits what is pending (unless replay
     * failed), and releases the replayer's batch. Does not close the store or the consumer. Idempotent.
     */
    @Override
    public void close() {
        stop();
        working.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            try {
                if (failure == null) {
                    commitIfDirty();
                }
            } finally {
                try {
                    batch.close();
                } finally {
                    reader.close();
                }
            }
        } finally {
            working.unlock();
        }
    }

    private int stepLocked() {
        long before = committedRecords + pendingRecords;
        Duration timeout = pollTimeout;
        while (true) {
            List<LogEntry> entries = poll(timeout);
            if (entries.isEmpty()) {
                commitIfDirty();
                break;
            }
            boolean committedBySize = false;
            for (LogEntry entry : entries) {
                process(entry);
                if (batch.valueSize() >= maxBatchBytes) {
                    commit();
                    committedBySize = true;
                }
            }
            if (committedBySize) {
                break;
            }
            timeout = Duration.ZERO;
        }
        return (int) (committedRecords + pendingRecords - before);
    }

    private List<LogEntry> poll(Duration timeout) {
        checkContinuityOnce();
        try {
            return reader.poll(timeout, resume.lastProcessed());
        } catch (RuntimeException e) {
            // Everything processed so far is whole and valid: keep it before reporting the error.
            commitIfDirty();
            if (e instanceof LogException le && le.isRetriable()) {
                throw e;
            }
            throw fail(e);
        }
    }

    /** Runs the {@link StreamContinuity} check the log still owes; a retriable log error leaves it owed. */
    private void checkContinuityOnce() {
        if (continuityCheck == null) {
            return;
        }
        try {
            continuityCheck.run();
        } catch (RuntimeException e) {
            if (e instanceof LogException le && le.isRetriable()) {
                throw e;
            }
            throw fail(e);
        }
        continuityCheck = null;
    }

    private void process(LogEntry entry) {
        Position position = entry.position();
        List<ChangeRecord> records;
        try {
            records = decoder.decode(entry);
            for (ChangeRecord record : records) {
                validate(record, position);
            }
        } catch (RuntimeException e) {
            throw failAfterCommitting(e);
        }
        for (ChangeRecord record : records) {
            boolean apply;
            try {
                apply = !record.isSequenced() || producers.accept(record, position);
            } catch (SequenceGapException e) {
                throw failAfterCommitting(e);
            }
            if (apply) {
                apply(record, entry);
            }
        }
        resume.entryProcessed(position, decoder.resumePoint());
        dirty = true;
    }

    /** Rejects, before any of its ops reach the batch, a record that would write Cattle's own keys. */
    private static void validate(ChangeRecord record, Position position) {
        for (Op op : record.ops()) {
            byte[] key = op.key();
            if (key.length >= ReservedKeys.PREFIX.length && key[0] == 0 && ReservedKeys.isReserved(key)) {
                throw new CorruptRecordException(position, "record " + record + " writes " + op
                        + ", inside the key range Cattle reserves for checkpoints (prefix 0x00 'cattle' 0x00);"
                        + " a capturing master never does, so this log was written by something else");
            }
        }
    }

    private void apply(ChangeRecord record, LogEntry entry) {
        resume.recordApplied(record, entry.timeMillis());
        if (record.kind() == ChangeRecord.Kind.HEARTBEAT) {
            return;
        }
        try {
            for (Op op : record.ops()) {
                if (!guard.admit(op, batch)) {
                    continue;
                }
                if (op.type() == Op.Type.PUT) {
                    batch.put(op.key(), op.value());
                } else {
                    batch.delete(op.key());
                }
                pendingOps++;
                pendingBytes += op.byteSize();
            }
        } catch (RuntimeException e) {
            // Part of this record may be in the batch: it must not be committed.
            throw fail(e);
        }
        pendingRecords++;
    }

    private void commitIfDirty() {
        if (dirty) {
            commit();
        }
    }

    private void commit() {
        try {
            writeBatchWithCheckpoint();
        } catch (RuntimeException e) {
            throw fail(e);
        }
    }

    private void writeBatchWithCheckpoint() {
        resume.writeTo(batch, reader.consumer());
        batch.write();
        batch.reset();
        committedRecords += pendingRecords;
        committedOps += pendingOps;
        committedBytes += pendingBytes;
        pendingRecords = 0;
        pendingOps = 0;
        pendingBytes = 0;
        dirty = false;
        publishStats();
    }

    private RuntimeException failAfterCommitting(RuntimeException e) {
        try {
            if (dirty) {
                writeBatchWithCheckpoint();
            }
        } catch (RuntimeException commitFailure) {
            e.addSuppressed(commitFailure);
        }
        return fail(e);
    }

    private RuntimeException fail(RuntimeException e) {
        if (failure == null) {
            failure = e;
            publishStats();
            LOG.error("replay of stream {} stopped after {}: {}", streamId,
                    resume.lastProcessed() == null ? "the log's start" : resume.lastProcessed(), e.toString());
        }
        return e;
    }

    private void publishStats() {
        stats = resume.stats(committedRecords, committedOps, committedBytes, failure);
    }

    private void checkUsable() {
        if (closed) {
            throw new IllegalStateException("the replayer of stream " + streamId + " is closed; build a new one");
        }
        if (failure != null) {
            throw new IllegalStateException("replay of stream " + streamId + " already stopped on an error;"
                    + " fix the cause and build a new replayer: " + failure.getMessage(), failure);
        }
    }

    private void pause() {
        try {
            Thread.sleep(pollTimeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopRequested = true;
        }
    }

    /** Configures a {@link Replayer}; see {@link Replayer#builder}. Not thread-safe. */
    public static final class Builder {

        /** The default of {@link #catchUpReadAheadBytes(long)}. */
        public static final long DEFAULT_CATCH_UP_READ_AHEAD_BYTES = 32L << 20;

        /** The default of {@link #bulkLoadAfterBytes(long)}. */
        public static final long DEFAULT_BULK_LOAD_AFTER_BYTES = 256L << 20;

        private final Database store;
        private final LogConsumer log;
        private Codec codec;
        private long maxBatchBytes = 8L << 20;
        private long maxPendingBytes = 256L << 20;
        private HeadGuard headGuard = HeadGuard.none();
        private Duration pollTimeout = Duration.ofMillis(100);
        private long readAheadBytes;
        private long catchUpReadAheadBytes = DEFAULT_CATCH_UP_READ_AHEAD_BYTES;
        private long bulkLoadAfterBytes = DEFAULT_BULK_LOAD_AFTER_BYTES;
        private OffsetCheckpoint fallback;
        private OffsetCheckpoint mirror;
        private long seededAt = -1;

        private Builder(Database store, LogConsumer log) {
            this.store = Objects.requireNonNull(store, "store");
            this.log = Objects.requireNonNull(log, "log");
        }

        /** The stream's wire format; default {@code Codecs.get("cattle")}. */
        public Builder codec(Codec codec) {
            this.codec = Objects.requireNonNull(codec, "codec");
            return this;
        }

        /** Bytes (keys plus values) a group-commit batch collects before it is written; default 8 MiB. */
        public Builder maxBatchBytes(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxBatchBytes must be positive, was " + bytes);
            }
            this.maxBatchBytes = bytes;
            return this;
        }

        /** Cap on bytes held for incomplete (chunked) records; default 256 MiB. */
        public Builder maxPendingBytes(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxPendingBytes must be positive, was " + bytes);
            }
            this.maxPendingBytes = bytes;
            return this;
        }

        /**
         * The head-marker policy; default {@link HeadGuard#none()}: a single-master stream needs none, and
         * which keys are heads depends on the data (geth's guards are in {@code cattle-ethereum}). A guard
         * instance serves one replayer at a time.
         */
        public Builder headGuard(HeadGuard guard) {
            this.headGuard = Objects.requireNonNull(guard, "guard");
            return this;
        }

        /** How long one poll waits for entries; default 100 ms. */
        public Builder pollTimeout(Duration timeout) {
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("pollTimeout must not be negative, was " + timeout);
            }
            this.pollTimeout = timeout;
            return this;
        }

        /**
         * Bytes to read ahead of replay on a background thread, so that the log client's work (fetching,
         * checking, copying records) runs beside decoding and store writes instead of between them;
         * default {@code 0}: the consumer is polled on the replay thread. The consumer is never used by
         * two threads at once (see {@code ReadAheadConsumer}). Costs up to this many bytes of heap, plus
         * one poll's worth.
         *
         * <p>Off by default because on the 2-core benchmark machine it did not pay on short catch-ups:
         * the extra thread competes with the store's flush and compaction threads. It paid on a day-long
         * Kafka catch-up, where the writer waits on compaction ({@code docs/benchmarks.md}, optimisation 4).
         * Try it, with the end-to-end benchmark, where cores are spare, the backlog is long or the log
         * client is expensive (TLS, many small entries).
         */
        public Builder readAheadBytes(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("readAheadBytes must not be negative, was " + bytes);
            }
            this.readAheadBytes = bytes;
            return this;
        }

        /**
         * Bytes of keys and values a {@link #catchUp()} applies before it asks a {@link BulkLoadable}
         * store to take the rest in bulk-load mode; {@code -1} never asks. Default 256 MiB: four of
         * RocksDB's default memtables, so a short catch-up (a replica restarted minutes behind) leaves
         * the store's settings alone, while a day-long one spends nearly all of its time in the mode.
         * In it RocksDB pauses compaction, which is what makes a day-long catch-up from Kafka fast
         * ({@code docs/benchmarks.md}, optimisation 8).
         */
        public Builder bulkLoadAfterBytes(long bytes) {
            if (bytes < -1) {
                throw new IllegalArgumentException("bulkLoadAfterBytes must be -1 (never) or at least 0, was "
                        + bytes);
            }
            this.bulkLoadAfterBytes = bytes;
            return this;
        }

        /**
         * Bytes to read ahead while a {@link #catchUp()} runs in bulk-load mode (see
         * {@link #bulkLoadAfterBytes}), when {@link #readAheadBytes} is 0; {@code 0}: never. Default 32 MiB.
         * The read-ahead starts when the store enters the mode and stops when the catch-up ends, dropping
         * what it read past the last applied entry (the consumer is sought back before the next poll).
         * Needs a store that is {@link BulkLoadable} and a catch-up past {@code bulkLoadAfterBytes}.
         *
         * <p>Why only there: on the day-long Kafka catch-up into RocksDB, read-ahead in the mode paid, while
         * on short catch-ups it did not on two cores, where the extra thread competes with RocksDB's flushes
         * ({@code docs/benchmarks.md}, optimisations 4 and 11).
         */
        public Builder catchUpReadAheadBytes(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("catchUpReadAheadBytes must not be negative, was " + bytes);
            }
            this.catchUpReadAheadBytes = bytes;
            return this;
        }

        /**
         * Where to start when the store holds no Cattle checkpoint for the stream: after the offset
         * {@code checkpoint} reads from the store, if it holds one (else from the log's start). A Cattle
         * checkpoint, when present, always wins. Needs a log with numeric offsets
         * ({@link LogConsumer#positionAt}); {@link #build()} fails otherwise when the fallback is used.
         */
        public Builder fallbackCheckpoint(OffsetCheckpoint checkpoint) {
            this.fallback = Objects.requireNonNull(checkpoint, "checkpoint");
            return this;
        }

        /**
         * Declares that the store, which holds no checkpoint of the stream, already holds the effects of every
         * entry up to and including offset {@code offset} (it is a copy of the master's store, or of another
         * replica's without its checkpoint, taken when the log's newest entry had that offset): replay
         * starts after it instead of at the log's start, and the log need not hold its older entries any more.
         * A checkpoint of the stream in the store wins. Needs a log with numeric offsets
         * ({@link LogConsumer#positionAt}); {@link #build()} fails otherwise.
         */
        public Builder seededAt(long offset) {
            if (offset < 0) {
                throw new IllegalArgumentException("a seeded offset is 0 or more, not " + offset);
            }
            this.seededAt = offset;
            return this;
        }

        /**
         * Also writes {@code checkpoint} with every commit, in the same batch, recording the offset of the
         * replayer's resume point (nothing is written while that is the log's start). Needs a log with
         * numeric offsets; {@link #build()} fails with {@link IllegalArgumentException} otherwise.
         */
        public Builder mirrorCheckpoint(OffsetCheckpoint checkpoint) {
            this.mirror = Objects.requireNonNull(checkpoint, "checkpoint");
            return this;
        }

        /**
         * Reads the stream's checkpoint from the store, seeks the consumer after it (or to the start
         * when there is none) and restores the head guard's memory.
         *
         * @throws org.ethercattle.api.log.PositionExpiredException if the log no longer holds the
         *                                                         checkpoint's position
         * @throws org.ethercattle.api.StoreException              if the checkpoint is unreadable
         */
        public Replayer build() {
            return new Replayer(new ReplaySettings(store, log, codec != null ? codec : Codecs.get(Codecs.DEFAULT),
                    maxBatchBytes, maxPendingBytes, headGuard, pollTimeout, readAheadBytes, catchUpReadAheadBytes,
                    bulkLoadAfterBytes, fallback, mirror, seededAt));
        }
    }
}
