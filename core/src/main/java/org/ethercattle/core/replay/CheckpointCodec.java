package org.ethercattle.core.replay;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.zip.CRC32C;
import org.ethercattle.api.StoreException;

/**
 * The binary form of a {@link Checkpoint}, version 2. All integers big-endian:
 *
 * <pre>
 * magic      2 B   0xCA 0xC7
 * version    1 B   2
 * resume     i32 length (-1: none, resume from the log's start), then that many position bytes
 * last       i32 length (-1: none), then that many position bytes
 * time       i64   newest record's producer time in Unix ms, -1 if unknown
 * flags      1 B   bit 0: complete history ({@link Checkpoint#completeHistory()}); other bits 0
 * producers  i32 count, then per producer:
 *              16 B id (UUID most then least significant bits) | i64 last sequence | i64 last time ms
 * crc        u32   CRC32C of every byte before it
 * </pre>
 *
 * Version 1 is the same without the flags byte, read as a history that is not known to be complete. A
 * reader rejects another magic, a version it does not know, unknown flags, a bad checksum or trailing bytes.
 */
public final class CheckpointCodec {

    static final byte MAGIC_0 = (byte) 0xCA;
    static final byte MAGIC_1 = (byte) 0xC7;
    static final byte VERSION = 2;
    /** The version before the flags byte. */
    static final byte VERSION_1 = 1;
    private static final byte COMPLETE_HISTORY = 1;
    private static final int PRODUCER_BYTES = 16 + 8 + 8;

    private CheckpointCodec() {}

    /** Encodes {@code checkpoint} as a fresh array. */
    public static byte[] encode(Checkpoint checkpoint) {
        int size = 3 + lengthOf(checkpoint.resumeAfter()) + lengthOf(checkpoint.lastPosition()) + 8 + 1
                + 4 + checkpoint.producers().size() * PRODUCER_BYTES + 4;
        ByteBuffer out = ByteBuffer.allocate(size);
        out.put(MAGIC_0).put(MAGIC_1).put(VERSION);
        putBytes(out, checkpoint.resumeAfter());
        putBytes(out, checkpoint.lastPosition());
        out.putLong(checkpoint.lastRecordTimeMillis());
        out.put(checkpoint.completeHistory() ? COMPLETE_HISTORY : 0);
        out.putInt(checkpoint.producers().size());
        for (Map.Entry<UUID, ProducerProgress> p : checkpoint.producers().entrySet()) {
            out.putLong(p.getKey().getMostSignificantBits()).putLong(p.getKey().getLeastSignificantBits());
            out.putLong(p.getValue().lastSequence()).putLong(p.getValue().lastTimeMillis());
        }
        CRC32C crc = new CRC32C();
        crc.update(out.array(), 0, out.position());
        out.putInt((int) crc.getValue());
        return out.array();
    }

    /**
     * Decodes a checkpoint stored for the stream {@code streamId} (named in errors).
     *
     * @throws StoreException if the bytes are not a checkpoint this version can read
     */
    public static Checkpoint decode(byte[] bytes, String streamId) {
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            if (in.get() != MAGIC_0 || in.get() != MAGIC_1) {
                throw unreadable(streamId, "it does not start with the checkpoint magic 0xCAC7");
            }
            byte version = in.get();
            if (version != VERSION && version != VERSION_1) {
                throw unreadable(streamId, "its format version " + version + " is not one this Cattle reads ("
                        + VERSION_1 + " or " + VERSION + "); run the Cattle release that wrote it, or a newer one");
            }
            int crcAt = bytes.length - 4;
            CRC32C crc = new CRC32C();
            crc.update(bytes, 0, crcAt);
            if ((int) crc.getValue() != ByteBuffer.wrap(bytes, crcAt, 4).getInt()) {
                throw unreadable(streamId, "its CRC32C does not match");
            }
            ByteBuffer body = in.slice(in.position(), crcAt - in.position());
            byte[] resumeAfter = getBytes(body);
            byte[] lastPosition = getBytes(body);
            long time = body.getLong();
            byte flags = version == VERSION_1 ? 0 : body.get();
            if ((flags & ~COMPLETE_HISTORY) != 0) {
                throw unreadable(streamId, "its flags byte 0x" + Integer.toHexString(flags & 0xff)
                        + " has bits this Cattle does not know; run the Cattle release that wrote it, or a newer one");
            }
            int count = body.getInt();
            if (count < 0 || (long) count * PRODUCER_BYTES != body.remaining()) {
                throw unreadable(streamId, "its producer count " + count + " does not fit its length");
            }
            Map<UUID, ProducerProgress> producers = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                UUID id = new UUID(body.getLong(), body.getLong());
                producers.put(id, new ProducerProgress(body.getLong(), body.getLong()));
            }
            return new Checkpoint(resumeAfter, lastPosition, time, producers, (flags & COMPLETE_HISTORY) != 0);
        } catch (BufferUnderflowException | IndexOutOfBoundsException | IllegalArgumentException
                | NegativeArraySizeException e) {
            throw unreadable(streamId, "it is truncated (" + bytes.length + " bytes)");
        }
    }

    private static int lengthOf(byte[] bytes) {
        return 4 + (bytes == null ? 0 : bytes.length);
    }

    private static void putBytes(ByteBuffer out, byte[] bytes) {
        if (bytes == null) {
            out.putInt(-1);
        } else {
            out.putInt(bytes.length).put(bytes);
        }
    }

    private static byte[] getBytes(ByteBuffer in) {
        int length = in.getInt();
        if (length == -1) {
            return null;
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }

    private static StoreException unreadable(String streamId, String problem) {
        return new StoreException("the replay checkpoint of stream " + streamId + " in this store is unreadable: "
                + problem + ". Restore the replica from a snapshot, or delete the store to replay from the log's start");
    }
}
