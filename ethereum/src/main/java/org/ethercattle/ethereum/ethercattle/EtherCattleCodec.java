package org.ethercattle.ethereum.ethercattle;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Supplier;
import org.ethercattle.api.log.Position;
import org.ethercattle.api.record.AbandonLimits;
import org.ethercattle.api.record.ChangeRecord;
import org.ethercattle.api.record.Codec;
import org.ethercattle.api.record.Op;
import org.ethercattle.api.record.RecordDecoder;

/**
 * The message format of the original Go Ether Cattle ({@code ethdb/cdc} of the go-ethereum fork), so a
 * Cattle replica follows a topic an original master writes, and an original replica follows one a
 * Cattle master writes. Layout and semantics are in {@code docs/ethercattle-compat.md}.
 *
 * <p>Encoding emits what the original master emits: a heartbeat as {@code 0x03}; a record of one op as a
 * single put or delete; a record of several ops as one fragment per op under a fresh random batch id,
 * then the commit; ancient appends and truncations (records made by decoding them, see
 * {@link AncientKeys}) as {@code 0x06}/{@code 0x07}. An empty batch encodes to no message at all, as the
 * original's {@code Write()} of an empty batch sends nothing. The format has no producer id, sequence,
 * time or checksum: decoded records carry {@link ChangeRecord#NO_SEQUENCE} and the log's time (Kafka
 * CreateTime), and encoding ignores a record's producer, sequence and time. The format cannot split a
 * message: an op whose message exceeds {@code maxMessageBytes} fails encoding.
 *
 * <p>Decoders drop a batch abandoned mid-write by the same {@link AbandonLimits} as the native codec's
 * chunked records, measured per batch id. Immutable and thread-safe; decoders are not.
 */
public final class EtherCattleCodec implements Codec {

    /** The name streams are configured with. */
    public static final String NAME = "ethercattle";

    private final AbandonLimits abandonLimits;
    private final Supplier<UUID> batchIds;

    /** A codec with {@link AbandonLimits#DEFAULT} (10 minutes of log time, 1,000,000 entries). */
    public EtherCattleCodec() {
        this(AbandonLimits.DEFAULT.after(), AbandonLimits.DEFAULT.afterEntries());
    }

    /**
     * A codec whose decoders give up an uncommitted batch once no fragment or commit for it arrived for
     * more than {@code abandonAfter} of log time (only on logs that keep times) or more than
     * {@code abandonAfterEntries} later entries.
     *
     * @throws IllegalArgumentException if either limit is not positive
     */
    public EtherCattleCodec(Duration abandonAfter, long abandonAfterEntries) {
        this(abandonAfter, abandonAfterEntries, UUID::randomUUID);
    }

    EtherCattleCodec(Duration abandonAfter, long abandonAfterEntries, Supplier<UUID> batchIds) {
        this.abandonLimits = new AbandonLimits(abandonAfter, abandonAfterEntries);
        this.batchIds = Objects.requireNonNull(batchIds, "batchIds");
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Returns no message for an empty batch. Ops under {@link AncientKeys#PREFIX} are only accepted as
     * a whole record of one ancient append or one truncation.
     *
     * @throws IllegalArgumentException if one op's message exceeds {@code maxMessageBytes}, or ancient keys
     *                                  are written in another shape
     */
    @Override
    public List<byte[]> encode(ChangeRecord record, int maxMessageBytes) {
        List<byte[]> messages = messages(record);
        for (byte[] message : messages) {
            if (message.length > maxMessageBytes) {
                throw new IllegalArgumentException("one op of " + record + " needs a " + message.length
                        + "-byte message, over the log's limit of " + maxMessageBytes + " bytes; the ethercattle"
                        + " format cannot split a message (the original's topics allow "
                        + EtherCattleFormat.MAX_MESSAGE_BYTES + ")");
            }
        }
        return messages;
    }

    private List<byte[]> messages(ChangeRecord record) {
        if (record.kind() == ChangeRecord.Kind.HEARTBEAT) {
            return List.of(EtherCattleMessages.heartbeat());
        }
        List<Op> ops = record.ops();
        if (ops.isEmpty()) {
            return List.of();
        }
        Optional<byte[]> ancient = ancientMessage(ops);
        if (ancient.isPresent()) {
            return List.of(ancient.get());
        }
        if (ops.size() == 1) {
            Op op = ops.get(0);
            return List.of(op.type() == Op.Type.PUT
                    ? EtherCattleMessages.put(op.key(), op.value())
                    : EtherCattleMessages.delete(op.key()));
        }
        byte[] id = idBytes(batchIds.get());
        List<byte[]> messages = new ArrayList<>(ops.size() + 1);
        for (Op op : ops) {
            messages.add(op.type() == Op.Type.PUT
                    ? EtherCattleMessages.fragmentPut(id, op.key(), op.value())
                    : EtherCattleMessages.fragmentDelete(id, op.key()));
        }
        messages.add(EtherCattleMessages.commit(id));
        return messages;
    }

    private static Optional<byte[]> ancientMessage(List<Op> ops) {
        boolean anyAncient = false;
        for (Op op : ops) {
            if (AncientKeys.isAncient(op.key())) {
                anyAncient = true;
                break;
            }
        }
        if (!anyAncient) {
            return Optional.empty();
        }
        Optional<AncientBlock> append = AncientKeys.asAppend(ops);
        if (append.isPresent()) {
            return Optional.of(EtherCattleMessages.appendAncient(append.get()));
        }
        OptionalLong truncate = AncientKeys.asTruncate(ops);
        if (truncate.isPresent()) {
            return Optional.of(EtherCattleMessages.truncateAncients(truncate.getAsLong()));
        }
        throw new IllegalArgumentException("a record writes ancient keys (prefix 0x00 'ethercattle-ancient' 0x00)"
                + " in a shape the ethercattle format cannot carry; only whole appends of one block and"
                + " truncations, as a replica decodes them, can be re-encoded");
    }

    private static byte[] idBytes(UUID id) {
        return ByteBuffer.allocate(EtherCattleFormat.BATCH_ID_BYTES)
                .putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits())
                .array();
    }

    /**
     * {@inheritDoc}
     *
     * <p>The decoder throws {@link org.ethercattle.api.record.CorruptRecordException} for an unknown
     * opcode or sub-op, malformed RLP, a commit that is not 16 bytes, or parts of a batch it dropped as
     * abandoned; after that (or a {@link org.ethercattle.api.record.PendingLimitException}) it refuses
     * further use with {@link IllegalStateException}.
     */
    @Override
    public RecordDecoder newDecoder(Position resumedAfter, long maxPendingBytes) {
        return new EtherCattleDecoder(resumedAfter, maxPendingBytes, abandonLimits);
    }

    @Override
    public String toString() {
        return "ethercattle codec (abandon after " + abandonLimits.after() + " or " + abandonLimits.afterEntries()
                + " entries)";
    }
}
