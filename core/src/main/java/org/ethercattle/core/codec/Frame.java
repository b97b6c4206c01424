package org.ethercattle.core.codec;

import java.util.UUID;
import java.util.zip.CRC32C;
import org.ethercattle.api.log.Position;
import org.ethercattle.api.record.CorruptRecordException;

/**
 * The verified envelope of one {@code cattle/1} message: its header fields and where its body lies in
 * the message array (the body is not copied).
 *
 * @param kind       {@link WireFormat#KIND_BATCH}, {@link WireFormat#KIND_CHUNK} or {@link WireFormat#KIND_HEARTBEAT}
 * @param bodyOffset index of the body's first byte in the message
 * @param bodyEnd    index just past the body (where the checksum starts)
 */
record Frame(byte kind, UUID producerId, long sequence, long timeMillis, int bodyOffset, int bodyEnd) {

    /**
     * Checks the message in the order that gives the truest diagnosis: length, checksum (every version
     * keeps a CRC32C of all preceding bytes as the last four bytes), magic, version, length, kind.
     *
     * @param crc a checksum object to reuse; reset here
     * @throws CorruptRecordException naming {@code position} and what is wrong
     */
    static Frame read(byte[] m, Position position, CRC32C crc) {
        if (m.length < WireFormat.MIN_ANY_VERSION_BYTES) {
            throw new CorruptRecordException(position, "the entry is " + m.length
                    + " bytes long, shorter than any cattle message (a cattle/1 message has at least "
                    + WireFormat.OVERHEAD_BYTES + "); it is truncated or was not written by the cattle codec");
        }
        boolean magicOk = m[0] == WireFormat.MAGIC_0 && m[1] == WireFormat.MAGIC_1;
        int crcOffset = m.length - WireFormat.CRC_BYTES;
        crc.reset();
        crc.update(m, 0, crcOffset);
        int computed = (int) crc.getValue();
        int stored = (int) WireFormat.INT.get(m, crcOffset);
        if (computed != stored) {
            throw new CorruptRecordException(position, String.format(
                    "CRC32C mismatch: the entry stores 0x%08x but its %d bytes before the checksum give 0x%08x;"
                            + " the entry is damaged or truncated%s", stored, crcOffset, computed,
                    magicOk ? "" : String.format(", and it does not even start with the cattle magic 0xca77 (it"
                            + " starts 0x%02x%02x): is this stream written with another codec, e.g. ethercattle?",
                            m[0] & 0xFF, m[1] & 0xFF)));
        }
        if (!magicOk) {
            throw new CorruptRecordException(position, String.format("the entry starts 0x%02x%02x, not the cattle"
                    + " magic 0xca77: it was not written by the cattle codec; configure the stream's codec"
                    + " (e.g. ethercattle)", m[0] & 0xFF, m[1] & 0xFF));
        }
        int version = m[WireFormat.OFFSET_VERSION] & 0xFF;
        if (version != WireFormat.VERSION) {
            throw new CorruptRecordException(position, "the entry is in cattle format version " + version
                    + ", but this replica reads only version " + WireFormat.VERSION
                    + ": this replica is too old for the stream; upgrade Cattle on the replica");
        }
        if (m.length < WireFormat.OVERHEAD_BYTES) {
            throw new CorruptRecordException(position, "the entry is " + m.length + " bytes long, shorter than"
                    + " a cattle/1 header and checksum (" + WireFormat.OVERHEAD_BYTES + " bytes)");
        }
        byte kind = m[WireFormat.OFFSET_KIND];
        if (kind != WireFormat.KIND_BATCH && kind != WireFormat.KIND_CHUNK && kind != WireFormat.KIND_HEARTBEAT) {
            throw new CorruptRecordException(position, String.format("the entry has record kind 0x%02x, which"
                    + " cattle/1 does not define (0x01 batch, 0x02 chunk, 0x03 heartbeat); if the master runs a"
                    + " newer Cattle, upgrade the replica", kind & 0xFF));
        }
        UUID producer = new UUID((long) WireFormat.LONG.get(m, WireFormat.OFFSET_PRODUCER),
                (long) WireFormat.LONG.get(m, WireFormat.OFFSET_PRODUCER + 8));
        long sequence = (long) WireFormat.LONG.get(m, WireFormat.OFFSET_SEQUENCE);
        if (sequence < 0) {
            throw new CorruptRecordException(position, "the producer sequence " + Long.toUnsignedString(sequence)
                    + " is beyond 2^63-1, which no producer writes");
        }
        long time = (long) WireFormat.LONG.get(m, WireFormat.OFFSET_TIME);
        if (time < WireFormat.NO_TIME) {
            throw new CorruptRecordException(position, "the producer time " + Long.toUnsignedString(time)
                    + " is beyond 2^63-1 and not the all-ones 'unknown' marker");
        }
        if (kind == WireFormat.KIND_HEARTBEAT && crcOffset != WireFormat.HEADER_BYTES) {
            throw new CorruptRecordException(position, "a heartbeat carries a body of "
                    + (crcOffset - WireFormat.HEADER_BYTES) + " bytes; cattle/1 heartbeats have none");
        }
        return new Frame(kind, producer, sequence, time, WireFormat.HEADER_BYTES, crcOffset);
    }
}
