package org.ethercattle.core.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.zip.CRC32C;
import org.ethercattle.api.record.ChangeRecord;

/**
 * Writes records as {@code cattle/1} messages: one message when the record fits in
 * {@code maxMessageBytes}, otherwise chunks of which every one but the last is exactly
 * {@code maxMessageBytes} long. Stateless.
 */
final class NativeEncoder {

    private NativeEncoder() {}

    static List<byte[]> encode(ChangeRecord record, int maxMessageBytes) {
        Objects.requireNonNull(record, "record");
        if (record.producerId() == null || record.sequence() < 0) {
            String missing = record.producerId() == null ? "the id" : "the sequence";
            throw new IllegalArgumentException("the cattle codec needs a producer id and a producer sequence on"
                    + " every record, and " + record + " lacks " + missing
                    + "; records decoded from the ethercattle format carry neither, so keep such a stream in the"
                    + " ethercattle codec or give each record its producer's id and sequence");
        }
        if (record.timeMillis() < ChangeRecord.NO_TIME) {
            throw new IllegalArgumentException("record time " + record.timeMillis()
                    + " is negative; give Unix milliseconds or ChangeRecord.NO_TIME");
        }
        if (record.kind() == ChangeRecord.Kind.HEARTBEAT) {
            requireRoom(maxMessageBytes, WireFormat.OVERHEAD_BYTES, "a heartbeat");
            byte[] message = new byte[WireFormat.OVERHEAD_BYTES];
            writeHeader(message, WireFormat.KIND_HEARTBEAT, record);
            writeCrc(message);
            return List.of(message);
        }
        long bodySize = BatchBody.size(record.ops());
        if (WireFormat.OVERHEAD_BYTES + bodySize <= maxMessageBytes) {
            byte[] message = new byte[WireFormat.OVERHEAD_BYTES + (int) bodySize];
            writeHeader(message, WireFormat.KIND_BATCH, record);
            BatchBody.write(record.ops(), message, WireFormat.HEADER_BYTES);
            writeCrc(message);
            return List.of(message);
        }
        if (bodySize > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("record " + record + " has a body of " + bodySize + " bytes; the"
                    + " cattle codec carries at most 2 GiB per record: split the write into smaller batches");
        }
        byte[] body = new byte[(int) bodySize];
        BatchBody.write(record.ops(), body, 0);
        return chunks(record, body, maxMessageBytes);
    }

    private static List<byte[]> chunks(ChangeRecord record, byte[] body, int maxMessageBytes) {
        int count = 2;
        for (int needed = chunksNeeded(body.length, maxMessageBytes, count); needed != count;
                needed = chunksNeeded(body.length, maxMessageBytes, count)) {
            count = needed;
        }
        List<byte[]> messages = new ArrayList<>(count);
        int done = 0;
        for (int index = 0; index < count; index++) {
            int slice = Math.min(body.length - done, sliceRoom(index, count, body.length, maxMessageBytes));
            byte[] message = new byte[WireFormat.OVERHEAD_BYTES + chunkHeaderSize(index, count, body.length) + slice];
            writeHeader(message, WireFormat.KIND_CHUNK, record);
            int offset = Varint.write(message, WireFormat.HEADER_BYTES, index);
            offset = Varint.write(message, offset, count);
            offset = Varint.write(message, offset, body.length);
            System.arraycopy(body, done, message, offset, slice);
            done += slice;
            writeCrc(message);
            messages.add(message);
        }
        return messages;
    }

    /**
     * The number of chunks a body needs when the count field is written as {@code count}. It never
     * decreases as {@code count} grows (a wider count field leaves less room), so iterating from 2 reaches
     * the smallest self-consistent count.
     */
    private static int chunksNeeded(int total, int maxMessageBytes, int count) {
        int remaining = total;
        int index = 0;
        while (remaining > 0) {
            remaining -= Math.min(remaining, sliceRoom(index, count, total, maxMessageBytes));
            index++;
        }
        return index;
    }

    private static int sliceRoom(int index, int count, int total, int maxMessageBytes) {
        int room = maxMessageBytes - WireFormat.OVERHEAD_BYTES - chunkHeaderSize(index, count, total);
        if (room < 1) {
            throw new IllegalArgumentException("maxMessageBytes " + maxMessageBytes + " is too small to carry a"
                    + " record of " + total + " body bytes in cattle chunks; each chunk needs "
                    + (WireFormat.OVERHEAD_BYTES + chunkHeaderSize(index, count, total) + 1)
                    + " bytes or more: raise the log's message size limit");
        }
        return room;
    }

    private static int chunkHeaderSize(int index, int count, int total) {
        return Varint.size(index) + Varint.size(count) + Varint.size(total);
    }

    private static void requireRoom(int maxMessageBytes, int needed, String what) {
        if (maxMessageBytes < needed) {
            throw new IllegalArgumentException("maxMessageBytes " + maxMessageBytes + " is too small for " + what
                    + " in the cattle codec, which needs " + needed + " bytes; raise the log's message size limit");
        }
    }

    private static void writeHeader(byte[] m, byte kind, ChangeRecord record) {
        m[0] = WireFormat.MAGIC_0;
        m[1] = WireFormat.MAGIC_1;
        m[WireFormat.OFFSET_VERSION] = (byte) WireFormat.VERSION;
        m[WireFormat.OFFSET_KIND] = kind;
        UUID producer = record.producerId();
        WireFormat.LONG.set(m, WireFormat.OFFSET_PRODUCER, producer.getMostSignificantBits());
        WireFormat.LONG.set(m, WireFormat.OFFSET_PRODUCER + 8, producer.getLeastSignificantBits());
        WireFormat.LONG.set(m, WireFormat.OFFSET_SEQUENCE, record.sequence());
        WireFormat.LONG.set(m, WireFormat.OFFSET_TIME, record.timeMillis());
    }

    private static void writeCrc(byte[] m) {
        CRC32C crc = new CRC32C();
        int crcOffset = m.length - WireFormat.CRC_BYTES;
        crc.update(m, 0, crcOffset);
        WireFormat.INT.set(m, crcOffset, (int) crc.getValue());
    }
}
