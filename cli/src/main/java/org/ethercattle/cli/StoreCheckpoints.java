package org.ethercattle.cli;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.ethercattle.api.Cursor;
import org.ethercattle.api.Database;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.core.replay.Checkpoint;

/**
 * The replay checkpoints a store holds (one per stream it was replayed from), and how the snapshot,
 * flatten and retention commands print them.
 */
final class StoreCheckpoints {

    private static final byte[] PREFIX = Checkpoint.key("");

    private StoreCheckpoints() {}

    /** Every checkpoint in {@code store}, by stream id, in key order. */
    static Map<String, Checkpoint> in(Database store) {
        Map<String, Checkpoint> checkpoints = new LinkedHashMap<>();
        try (Cursor cursor = store.cursor(PREFIX, new byte[0])) {
            while (cursor.next()) {
                byte[] key = cursor.key();
                String stream = new String(Arrays.copyOfRange(key, PREFIX.length, key.length), StandardCharsets.UTF_8);
                Checkpoint.read(store, stream).ifPresent(c -> checkpoints.put(stream, c));
            }
        }
        return checkpoints;
    }

    /**
     * The position a replica of {@code checkpoint} resumes after: decoded by {@code log} when one of its
     * kind is given, otherwise the position's bytes in hex.
     */
    static String position(Checkpoint checkpoint, Optional<LogConsumer> log) {
        byte[] resumeAfter = checkpoint.resumeAfter();
        if (resumeAfter == null) {
            return "the log's start";
        }
        return log.map(l -> l.positionFromBytes(resumeAfter).toString())
                .orElse("0x" + HexFormat.of().formatHex(resumeAfter));
    }

    /** One line: stream, resume position, and the producer time of the newest record applied. */
    static String describe(String stream, Checkpoint checkpoint, Optional<LogConsumer> log) {
        long time = checkpoint.lastRecordTimeMillis();
        return "stream " + stream + ": resumes after " + position(checkpoint, log)
                + (time < 0 ? "" : " (newest record applied: " + Instant.ofEpochMilli(time) + ")");
    }
}
