package org.ethercattle.log.file;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.log.LogEntry;
import org.ethercattle.api.log.LogProducer;
import org.ethercattle.api.log.Position;

/** Small helpers the file log tests share: appending text, polling until a count arrived. */
final class Entries {

    /** Only keeps a broken log from hanging the build; no test asserts on time. */
    static final Duration PATIENCE = Duration.ofSeconds(60);

    private Entries() {}

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String text(LogEntry entry) {
        return new String(entry.payload(), StandardCharsets.UTF_8);
    }

    static List<String> texts(List<LogEntry> entries) {
        return entries.stream().map(Entries::text).toList();
    }

    static List<Long> indexes(List<LogEntry> entries) {
        return entries.stream().map(e -> ((FilePosition) e.position()).index()).toList();
    }

    /** Appends {@code prefix + i} for i in [from, to) and returns the positions. */
    static List<Position> append(LogProducer producer, String prefix, int from, int to) {
        List<Position> positions = new ArrayList<>();
        for (int i = from; i < to; i++) {
            positions.add(producer.append(utf8(prefix + i)).join());
        }
        return positions;
    }

    static List<String> names(String prefix, int from, int to) {
        List<String> names = new ArrayList<>();
        for (int i = from; i < to; i++) {
            names.add(prefix + i);
        }
        return names;
    }

    /** Polls until at least {@code count} entries arrived; fails (rather than hangs) after {@link #PATIENCE}. */
    static List<LogEntry> poll(LogConsumer consumer, int count) {
        List<LogEntry> entries = new ArrayList<>();
        Instant deadline = Instant.now().plus(PATIENCE);
        while (entries.size() < count) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("expected " + count + " entries, got " + entries.size());
            }
            entries.addAll(consumer.poll(Duration.ofMillis(100)));
        }
        return entries;
    }
}
