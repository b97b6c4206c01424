package org.ethercattle.ethereum.ethercattle;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.ethercattle.api.log.LogEntry;
import org.ethercattle.api.record.ChangeRecord;
import org.ethercattle.api.record.RecordDecoder;
import org.ethercattle.core.memory.MemoryPosition;

/** Builds log entries for decoder tests: consecutive memory positions, log times 1 s apart. */
final class Entries {

    static final long START_TIME = 1_700_000_000_000L;

    private long next;

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static MemoryPosition at(long index) {
        return new MemoryPosition("ec-test", index);
    }

    LogEntry entry(byte[] payload) {
        long index = next++;
        return new LogEntry(at(index), payload, START_TIME + 1000 * index);
    }

    /** Decodes each message in order and collects every record returned. */
    List<ChangeRecord> decodeAll(RecordDecoder decoder, byte[]... messages) {
        List<ChangeRecord> records = new ArrayList<>();
        for (byte[] message : messages) {
            records.addAll(decoder.decode(entry(message)));
        }
        return records;
    }
}
