package org.ethercattle.core.codec;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.zip.CRC32C;
import org.ethercattle.api.log.LogEntry;
import org.ethercattle.api.log.Position;
import org.ethercattle.api.record.AbandonLimits;
import org.ethercattle.api.record.ChangeRecord;
import org.ethercattle.api.record.CorruptRecordException;
import org.ethercattle.api.record.Op;
import org.ethercattle.api.record.PendingLimitException;
import org.ethercattle.api.record.RecordDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes one stream of {@code cattle/1} messages, assembling chunked records.
 *
 * <p>Each producer has at most one incomplete record: its chunks arrive in order, and a producer that
 * starts another record has given up the incomplete one (its master died or failed mid-write, so that
 * write was never acknowledged); the incomplete record is dropped with a warning. A record whose producer
 * stays silent for longer than the abandon interval of log time, or for more than the abandon entry count,
 * is dropped likewise, so that a dead master's leftovers do not pin {@link #resumePoint()} forever. A chunk
 * that belongs to a record dropped that way is not applied in part: it fails decoding.
 */
final class NativeDecoder implements RecordDecoder {

    private static final Logger LOG = LoggerFactory.getLogger(NativeDecoder.class);

    private final long maxPendingBytes;
    private final AbandonLimits abandonLimits;
    private final CRC32C crc = new CRC32C();
    /** Incomplete records by producer, oldest first chunk first. */
    private final Map<UUID, PendingRecord> pending = new LinkedHashMap<>();
    /** The sequence of the last record dropped per producer, to explain its late chunks. */
    private final Map<UUID, Long> abandoned = new HashMap<>();
    private Position lastDecoded;
    private long entriesDecoded;
    private long newestLogTimeMillis = -1;
    private long pendingBytes;
    private Failure failure;

    NativeDecoder(Position resumedAfter, long maxPendingBytes, AbandonLimits abandonLimits) {
        if (maxPendingBytes < 0) {
            throw new IllegalArgumentException("maxPendingBytes " + maxPendingBytes + " is negative");
        }
        this.lastDecoded = resumedAfter;
        this.maxPendingBytes = maxPendingBytes;
        this.abandonLimits = Objects.requireNonNull(abandonLimits, "abandonLimits");
    }

    /** Why the decoder stopped, kept to explain a misuse afterwards. */
    private record Failure(Position position, String message) {}

    @Override
    public List<ChangeRecord> decode(LogEntry entry) {
        Objects.requireNonNull(entry, "entry");
        if (failure != null) {
            throw new IllegalStateException("this decoder stopped at " + failure.position() + " (" + failure.message()
                    + ") and must not be used again; create a new decoder after seeking to its resume point");
        }
        try {
            List<ChangeRecord> records = decodeEntry(entry);
            lastDecoded = entry.position();
            return records;
        } catch (CorruptRecordException | PendingLimitException e) {
            failure = new Failure(entry.position(), e.getMessage());
            throw e;
        }
    }

    private List<ChangeRecord> decodeEntry(LogEntry entry) {
        byte[] m = entry.payload();
        Position at = entry.position();
        Frame frame = Frame.read(m, at, crc);
        entriesDecoded++;
        newestLogTimeMillis = Math.max(newestLogTimeMillis, entry.timeMillis());
        if (!pending.isEmpty()) {
            abandonSilentProducers(frame.producerId());
        }
        switch (frame.kind()) {
            case WireFormat.KIND_BATCH -> {
                endIncompleteRecord(frame, at);
                List<Op> ops = BatchBody.read(m, frame.bodyOffset(), frame.bodyEnd(), at);
                return List.of(ChangeRecord.batch(frame.producerId(), frame.sequence(), frame.timeMillis(), ops));
            }
            case WireFormat.KIND_HEARTBEAT -> {
                endIncompleteRecord(frame, at);
                return List.of(ChangeRecord.heartbeat(frame.producerId(), frame.sequence(), frame.timeMillis()));
            }
            default -> {
                return acceptChunk(frame, m, at, entry.timeMillis());
            }
        }
    }

    /** A batch or heartbeat from a producer with an incomplete record ends that record: it was given up. */
    private void endIncompleteRecord(Frame frame, Position at) {
        if (pending.isEmpty() && abandoned.isEmpty()) {
            return;
        }
        PendingRecord open = pending.get(frame.producerId());
        if (open != null) {
            if (open.sequence == frame.sequence()) {
                throw new CorruptRecordException(at, "a " + WireFormat.kindName(frame.kind()) + " reuses the"
                        + " sequence of the incomplete " + open.describe());
            }
            drop(open, "its producer went on to record " + frame.sequence() + " at " + at);
        }
        abandoned.remove(frame.producerId());
    }

    private List<ChangeRecord> acceptChunk(Frame frame, byte[] m, Position at, long entryTimeMillis) {
        ByteReader in = new ByteReader(m, frame.bodyOffset(), frame.bodyEnd(), at, "chunk");
        int index = in.varint("chunk index");
        int count = in.varint("chunk count");
        int total = in.varint("record body length");
        int slice = in.remaining();
        if (count < 2 || index >= count || total < count || slice < 1) {
            throw new CorruptRecordException(at, "chunk " + index + " of " + count + " with a " + slice
                    + "-byte slice of a " + total + "-byte body is impossible (a record is split into 2 or more"
                    + " chunks of at least one byte each)");
        }
        PendingRecord record = pending.get(frame.producerId());
        if (record != null && record.sequence != frame.sequence()) {
            drop(record, "its producer started record " + frame.sequence() + " at " + at);
            record = null;
        }
        if (record == null) {
            record = openRecord(frame, index, count, total, at);
        } else {
            checkContinues(record, frame, index, count, total, at);
        }
        if (slice > record.body.length - record.filled()) {
            throw corruptChunk(at, frame, index, count, "carries " + slice + " bytes, more than the "
                    + (record.body.length - record.filled()) + " left of the announced " + record.body.length
                    + "-byte body");
        }
        record.append(m, in.offset(), slice, entriesDecoded, entryTimeMillis);
        if (!record.isComplete()) {
            return List.of();
        }
        if (record.filled() != record.body.length) {
            throw new CorruptRecordException(at, "the " + count + " chunks of record " + frame.sequence()
                    + " of producer " + frame.producerId() + " carry " + record.filled() + " bytes, but announced "
                    + record.body.length);
        }
        pending.remove(frame.producerId());
        pendingBytes -= record.body.length;
        List<Op> ops = BatchBody.read(record.body, 0, record.body.length, at);
        return List.of(ChangeRecord.batch(record.producerId, record.sequence, record.timeMillis, ops));
    }

    /** Starts assembling the record whose chunk 0 this is, reserving its whole body against the cap. */
    private PendingRecord openRecord(Frame frame, int index, int count, int total, Position at) {
        Long dropped = abandoned.isEmpty() ? null : abandoned.remove(frame.producerId());
        if (dropped != null && dropped == frame.sequence() && index > 0) {
            throw corruptChunk(at, frame, index, count, "arrived after this replica dropped that record as abandoned"
                    + " (its producer had been silent longer than the abandon limits); raise the codec's abandon"
                    + " limits and rebuild this replica from a snapshot taken before the record");
        }
        if (index != 0) {
            throw corruptChunk(at, frame, index, count, "arrived without its chunk 0 (the chunks before it are"
                    + " missing from the log or out of order)");
        }
        if (pendingBytes + total > maxPendingBytes) {
            throw new PendingLimitException(at, pendingBytes + total, maxPendingBytes);
        }
        PendingRecord record = new PendingRecord(frame, count, total, lastDecoded, at);
        pending.put(frame.producerId(), record);
        pendingBytes += total;
        return record;
    }

    private static void checkContinues(PendingRecord record, Frame frame, int index, int count, int total,
            Position at) {
        if (index != record.nextIndex()) {
            throw corruptChunk(at, frame, index, count, "arrived where chunk " + record.nextIndex()
                    + " was expected; chunks are out of order or missing");
        }
        if (count != record.count || total != record.body.length || frame.timeMillis() != record.timeMillis) {
            throw corruptChunk(at, frame, index, count, "(body " + total + " bytes, time " + frame.timeMillis()
                    + ") disagrees with the earlier chunks, which announced " + record.count + " chunks, a "
                    + record.body.length + "-byte body and time " + record.timeMillis);
        }
    }

    private static CorruptRecordException corruptChunk(Position at, Frame frame, int index, int count, String problem) {
        return new CorruptRecordException(at, "chunk " + index + " of " + count + " of record " + frame.sequence()
                + " of producer " + frame.producerId() + " " + problem);
    }

    private void abandonSilentProducers(UUID active) {
        Iterator<PendingRecord> it = pending.values().iterator();
        while (it.hasNext()) {
            PendingRecord record = it.next();
            if (record.producerId.equals(active)) {
                continue;
            }
            long silentEntries = entriesDecoded - record.lastEntryNumber();
            long silentMillis = record.lastEntryTimeMillis() < 0 || newestLogTimeMillis < 0
                    ? -1 : newestLogTimeMillis - record.lastEntryTimeMillis();
            if (abandonLimits.exceeded(silentEntries, silentMillis)) {
                it.remove();
                forget(record, "its producer appended nothing for " + silentEntries + " entries"
                        + (silentMillis < 0 ? "" : " and " + silentMillis + " ms of log time")
                        + " (" + abandonLimits + ")");
                abandoned.put(record.producerId, record.sequence);
            }
        }
    }

    private void drop(PendingRecord record, String reason) {
        pending.remove(record.producerId);
        forget(record, reason);
    }

    private void forget(PendingRecord record, String reason) {
        pendingBytes -= record.body.length;
        LOG.warn("dropping incomplete {}: {}. Its master never finished writing it, so the write was never"
                + " acknowledged and nothing of it is applied", record.describe(), reason);
    }

    @Override
    public Position resumePoint() {
        return pending.isEmpty() ? lastDecoded : pending.values().iterator().next().before;
    }

    @Override
    public long pendingBytes() {
        return pendingBytes;
    }
}
