package org.ethercattle.core.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.zip.CRC32C;
import org.ethercattle.api.log.LogEntry;
import org.ethercattle.api.record.ChangeRecord;
import org.ethercattle.api.record.Op;
import org.ethercattle.core.memory.MemoryPosition;

/** Test fixtures: records, log entries around messages, and re-sealed (valid-checksum) edits of messages. */
final class Messages {

    static final UUID PRODUCER_A = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    static final UUID PRODUCER_B = UUID.fromString("00000000-0000-0000-0000-00000000000b");

    private Messages() {}

    static MemoryPosition at(long index) {
        return new MemoryPosition("test", index);
    }

    static LogEntry entry(long index, byte[] message) {
        return new LogEntry(at(index), message, 0);
    }

    static LogEntry entry(long index, byte[] message, long timeMillis) {
        return new LogEntry(at(index), message, timeMillis);
    }

    static byte[] bytes(int length, Random random) {
        byte[] out = new byte[length];
        random.nextBytes(out);
        return out;
    }

    static ChangeRecord randomBatch(Random random, UUID producer, long sequence, int maxOps, int maxValue) {
        int count = random.nextInt(maxOps + 1);
        List<Op> ops = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] key = bytes(random.nextInt(5) == 0 ? random.nextInt(3) : 1 + random.nextInt(40), random);
            ops.add(random.nextInt(4) == 0 ? Op.delete(key) : Op.put(key, bytes(random.nextInt(maxValue + 1), random)));
        }
        return ChangeRecord.batch(producer, sequence, 1_700_000_000_000L + random.nextInt(1_000_000), ops);
    }

    static ChangeRecord bigPut(UUID producer, long sequence, int valueBytes) {
        return ChangeRecord.batch(producer, sequence, 1_700_000_000_000L,
                List.of(Op.put(new byte[] {1, 2, 3}, bytes(valueBytes, new Random(sequence)))));
    }

    /** Rewrites the last four bytes as the CRC32C of the rest, so a deliberate edit passes the checksum. */
    static byte[] resealed(byte[] message) {
        CRC32C crc = new CRC32C();
        crc.update(message, 0, message.length - 4);
        int value = (int) crc.getValue();
        message[message.length - 4] = (byte) (value >>> 24);
        message[message.length - 3] = (byte) (value >>> 16);
        message[message.length - 2] = (byte) (value >>> 8);
        message[message.length - 1] = (byte) value;
        return message;
    }

    /** {@code message} with {@code body} in place of its body, re-sealed. */
    static byte[] withBody(byte[] message, byte[] body) {
        byte[] out = new byte[36 + body.length + 4];
        System.arraycopy(message, 0, out, 0, 36);
        System.arraycopy(body, 0, out, 36, body.length);
        return resealed(out);
    }
}
