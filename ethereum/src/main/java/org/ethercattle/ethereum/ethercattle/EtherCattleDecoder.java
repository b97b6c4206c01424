package org.ethercattle.ethereum.ethercattle;

import static org.ethercattle.ethereum.ethercattle.EtherCattleFormat.BATCH_ID_BYTES;
import static org.ethercattle.ethereum.ethercattle.EtherCattleFormat.FRAGMENT_HEADER_BYTES;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
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
 * Decodes one stream in the original Ether Cattle format and assembles batches from their fragments.
 *
 * <p>Fragments are collected per batch id, whatever batches and masters interleave with them; the commit
 * ({@code 0x02}) with the same id returns them as one record and forgets them, so the same id collects a
 * new batch afterwards (a master reuses a batch after {@code Reset()}). A commit whose id has no fragments
 * is dropped with a WARN, as the original does (e.g. the first records after the log's retention edge).
 *
 * <p>Unlike the original, {@link #resumePoint()} stays before the first fragment of the oldest batch that
 * has not committed, so a restart reads its fragments again instead of losing them. A batch whose
 * fragments stop coming without a commit (its master died inside {@code Write()}, which never returned)
 * is dropped with a WARN once no fragment for it arrived for more than the abandon interval of log time or
 * the abandon entry count, so that it does not pin the resume point forever; a fragment or commit for it
 * arriving later fails decoding rather than applying part of a batch.
 */
final class EtherCattleDecoder implements RecordDecoder {

    private static final Logger LOG = LoggerFactory.getLogger(EtherCattleDecoder.class);
    /** How many dropped batch ids are remembered to explain their late parts. */
    private static final int ABANDONED_REMEMBERED = 1024;

    private final long maxPendingBytes;
    private final AbandonLimits abandonLimits;
    /** Batches waiting for their commit, oldest first fragment first. */
    private final Map<UUID, PendingBatch> pending = new LinkedHashMap<>();
    private final Map<UUID, Position> abandoned = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, Position> eldest) {
            return size() > ABANDONED_REMEMBERED;
        }
    };
    private Position lastDecoded;
    private long entriesDecoded;
    private long newestLogTimeMillis = -1;
    private long pendingBytes;
    private String failure;

    EtherCattleDecoder(Position resumedAfter, long maxPendingBytes, AbandonLimits abandonLimits) {
        if (maxPendingBytes < 0) {
            throw new IllegalArgumentException("maxPendingBytes " + maxPendingBytes + " is negative");
        }
        this.lastDecoded = resumedAfter;
        this.maxPendingBytes = maxPendingBytes;
        this.abandonLimits = Objects.requireNonNull(abandonLimits, "abandonLimits");
    }

    @Override
    public List<ChangeRecord> decode(LogEntry entry) {
        Objects.requireNonNull(entry, "entry");
        if (failure != null) {
            throw new IllegalStateException("this decoder stopped (" + failure + ") and must not be used again;"
                    + " create a new decoder after seeking to its resume point");
        }
        try {
            List<ChangeRecord> records = decodeEntry(entry);
            lastDecoded = entry.position();
            return records;
        } catch (CorruptRecordException | PendingLimitException e) {
            failure = e.getMessage();
            throw e;
        }
    }

    private List<ChangeRecord> decodeEntry(LogEntry entry) {
        byte[] m = entry.payload();
        Position at = entry.position();
        if (m.length == 0) {
            throw new CorruptRecordException(at, "empty message; an Ether Cattle message starts with an opcode byte");
        }
        entriesDecoded++;
        newestLogTimeMillis = Math.max(newestLogTimeMillis, entry.timeMillis());
        long time = entry.timeMillis() >= 0 ? entry.timeMillis() : ChangeRecord.NO_TIME;
        switch (m[0]) {
            case EtherCattleFormat.FRAGMENT -> {
                acceptFragment(m, at, entry.timeMillis());
                return List.of();
            }
            case EtherCattleFormat.OP_WRITE -> {
                return commit(m, at, time);
            }
            case EtherCattleFormat.OP_PUT -> {
                abandonSilentBatches(null);
                byte[][] kv = Rlp.strings(m, 1, 2, at, "put [key, value]");
                return batch(time, List.of(Op.put(kv[0], kv[1])));
            }
            case EtherCattleFormat.OP_DELETE -> {
                abandonSilentBatches(null);
                return batch(time, List.of(Op.delete(Arrays.copyOfRange(m, 1, m.length))));
            }
            case EtherCattleFormat.OP_HEARTBEAT -> {
                abandonSilentBatches(null);
                requireNoPayload(m, at, "heartbeat");
                return List.of(ChangeRecord.heartbeat(null, ChangeRecord.NO_SEQUENCE, time));
            }
            case EtherCattleFormat.OP_GET, EtherCattleFormat.OP_HAS -> {
                // Reads belong on the master's read stream; a replica has nothing to apply.
                abandonSilentBatches(null);
                return List.of();
            }
            case EtherCattleFormat.OP_APPEND_ANCIENT -> {
                abandonSilentBatches(null);
                byte[][] f = Rlp.strings(m, 1, 6, at, "append-ancient [number, hash, header, body, receipts, td]");
                long number = Rlp.unsignedValue(f[0], at, "append-ancient block number");
                if (number == -1L) {
                    throw new CorruptRecordException(at, "append-ancient of block 2^64-1 leaves no room for a count");
                }
                return batch(time, AncientKeys.appendOps(new AncientBlock(number, f[1], f[2], f[3], f[4], f[5])));
            }
            case EtherCattleFormat.OP_TRUNCATE_ANCIENTS -> {
                abandonSilentBatches(null);
                long count = Rlp.uint64(m, 1, at, "truncate-ancients count");
                return batch(time, List.of(AncientKeys.truncateOp(count)));
            }
            case EtherCattleFormat.OP_SYNC -> {
                // Flushes the master's freezer; a replica's data is durable once its batch commits.
                abandonSilentBatches(null);
                requireNoPayload(m, at, "sync");
                return List.of();
            }
            default -> throw new CorruptRecordException(at, "unknown opcode 0x" + hex(m[0]) + " (the Ether Cattle"
                    + " format knows 0x00-0x08 and 0xFF fragments); is this stream written with another codec,"
                    + " such as cattle?");
        }
    }

    private void acceptFragment(byte[] m, Position at, long entryTimeMillis) {
        if (m.length < FRAGMENT_HEADER_BYTES) {
            throw new CorruptRecordException(at, "batch fragment of " + m.length + " bytes; it needs at least "
                    + FRAGMENT_HEADER_BYTES + " (0xFF, sub-op, 16-byte batch id)");
        }
        UUID id = batchId(m, 2);
        abandonSilentBatches(id);
        Op op = switch (m[1]) {
            case EtherCattleFormat.OP_PUT -> {
                byte[][] kv = Rlp.strings(m, FRAGMENT_HEADER_BYTES, 2, at, "fragment put [key, value] of batch " + id);
                yield Op.put(kv[0], kv[1]);
            }
            case EtherCattleFormat.OP_DELETE -> Op.delete(Arrays.copyOfRange(m, FRAGMENT_HEADER_BYTES, m.length));
            default -> throw new CorruptRecordException(at, "batch fragment of batch " + id + " has sub-op 0x"
                    + hex(m[1]) + "; only put (0x00) and delete (0x01) exist");
        };
        Position droppedAt = abandoned.get(id);
        if (droppedAt != null) {
            throw lateForAbandoned(at, id, droppedAt, "a fragment");
        }
        if (pendingBytes + m.length > maxPendingBytes) {
            throw new PendingLimitException(at, pendingBytes + m.length, maxPendingBytes);
        }
        PendingBatch batch = pending.get(id);
        if (batch == null) {
            batch = new PendingBatch(id, lastDecoded, at);
            pending.put(id, batch);
        }
        batch.add(op, m.length, entriesDecoded, entryTimeMillis);
        pendingBytes += m.length;
    }

    private List<ChangeRecord> commit(byte[] m, Position at, long time) {
        if (m.length != 1 + BATCH_ID_BYTES) {
            throw new CorruptRecordException(at, "batch commit of " + m.length + " bytes; it is exactly "
                    + (1 + BATCH_ID_BYTES) + " (0x02 and the 16-byte batch id)");
        }
        UUID id = batchId(m, 1);
        abandonSilentBatches(id);
        PendingBatch batch = pending.remove(id);
        if (batch == null) {
            Position droppedAt = abandoned.get(id);
            if (droppedAt != null) {
                throw lateForAbandoned(at, id, droppedAt, "its commit");
            }
            LOG.warn("dropping the commit of batch {} at {}: none of its fragments was read (the original replica"
                    + " drops it too). Expected only right after the log's retention edge or a start from an"
                    + " offset", id, at);
            return List.of();
        }
        pendingBytes -= batch.bytes();
        return batch(time, batch.ops);
    }

    private void abandonSilentBatches(UUID active) {
        if (pending.isEmpty()) {
            return;
        }
        Iterator<PendingBatch> it = pending.values().iterator();
        while (it.hasNext()) {
            PendingBatch batch = it.next();
            if (batch.id.equals(active)) {
                continue;
            }
            long silentEntries = entriesDecoded - batch.lastEntryNumber();
            long silentMillis = batch.lastEntryTimeMillis() < 0 || newestLogTimeMillis < 0
                    ? -1 : newestLogTimeMillis - batch.lastEntryTimeMillis();
            if (abandonLimits.exceeded(silentEntries, silentMillis)) {
                it.remove();
                pendingBytes -= batch.bytes();
                abandoned.put(batch.id, batch.first);
                LOG.warn("dropping uncommitted {}: no fragment or commit for it in {} entries{} ({}). Its master"
                        + " never finished Write(), so the write was never acknowledged and nothing of it is applied",
                        batch.describe(), silentEntries, silentMillis < 0 ? "" : " and " + silentMillis
                        + " ms of log time", abandonLimits);
            }
        }
    }

    private static CorruptRecordException lateForAbandoned(Position at, UUID id, Position first, String what) {
        return new CorruptRecordException(at, what + " of batch " + id + " (first fragment at " + first + ")"
                + " arrived after this replica dropped that batch as abandoned; its master was alive after all,"
                + " so applying part of it would be wrong. Raise the ethercattle codec's abandon limits and rebuild"
                + " this replica from a snapshot taken before the batch");
    }

    private static List<ChangeRecord> batch(long time, List<Op> ops) {
        return List.of(ChangeRecord.batch(null, ChangeRecord.NO_SEQUENCE, time, ops));
    }

    private static void requireNoPayload(byte[] m, Position at, String what) {
        if (m.length != 1) {
            throw new CorruptRecordException(at, what + " with a " + (m.length - 1) + "-byte payload; the original"
                    + " master sends none");
        }
    }

    private static UUID batchId(byte[] m, int offset) {
        ByteBuffer buffer = ByteBuffer.wrap(m, offset, BATCH_ID_BYTES);
        return new UUID(buffer.getLong(), buffer.getLong());
    }

    private static String hex(byte b) {
        return String.format("%02x", b & 0xFF);
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
