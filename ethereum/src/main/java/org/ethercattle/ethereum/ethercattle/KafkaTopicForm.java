package org.ethercattle.ethereum.ethercattle;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.ethercattle.api.Database;
import org.ethercattle.api.KeyValueWriter;
import org.ethercattle.api.replay.OffsetCheckpoint;

/**
 * The original replica's {@code --kafka.topic} forms: {@code name} (resume from the store's
 * {@code cdc-log-<name>-offset}, else the oldest offset), {@code name:} (from the oldest offset) and
 * {@code name:N} (from offset N).
 *
 * <p>In Cattle they choose where a replica <b>without a Cattle checkpoint</b> starts: a Cattle checkpoint is
 * written atomically with the data it describes, so starting elsewhere could only leave the store
 * inconsistent, and it always wins. Use {@link #fallback()} as the replayer's {@code fallbackCheckpoint}.
 *
 * @param topic   the topic name
 * @param start   which form was given
 * @param offset  the first offset to read for {@link Start#OFFSET}, else -1
 */
public record KafkaTopicForm(String topic, Start start, long offset) {

    /** Which form a topic argument used. */
    public enum Start {
        /** {@code name}: the store's original offset key, else the log's start. */
        STORED_OFFSET,
        /** {@code name:}: the log's start. */
        OLDEST,
        /** {@code name:N}: offset N. */
        OFFSET
    }

    public KafkaTopicForm {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(start, "start");
    }

    /**
     * Parses {@code name}, {@code name:} or {@code name:N} (N a non-negative decimal).
     *
     * @throws IllegalArgumentException naming the argument and the accepted forms
     */
    public static KafkaTopicForm parse(String argument) {
        Objects.requireNonNull(argument, "argument");
        int colon = argument.indexOf(':');
        String name = colon < 0 ? argument : argument.substring(0, colon);
        if (name.isEmpty() || argument.indexOf(':', colon + 1) >= 0 && colon >= 0) {
            throw invalid(argument, "a topic name and at most one ':'");
        }
        if (colon < 0) {
            return new KafkaTopicForm(name, Start.STORED_OFFSET, -1);
        }
        String suffix = argument.substring(colon + 1);
        if (suffix.isEmpty()) {
            return new KafkaTopicForm(name, Start.OLDEST, -1);
        }
        long offset;
        try {
            offset = Long.parseLong(suffix);
        } catch (NumberFormatException e) {
            throw invalid(argument, "'" + suffix + "' is not a decimal offset");
        }
        if (offset < 0 || suffix.charAt(0) == '+') {
            throw invalid(argument, "'" + suffix + "' is not a non-negative decimal offset");
        }
        return new KafkaTopicForm(name, Start.OFFSET, offset);
    }

    /**
     * The fallback checkpoint this form stands for: the topic's {@link EtherCattleOffsetKey}, a fixed offset
     * (read from N), or empty (from the log's start).
     */
    public Optional<OffsetCheckpoint> fallback() {
        return switch (start) {
            case STORED_OFFSET -> Optional.of(EtherCattleOffsetKey.forTopic(topic));
            case OLDEST -> Optional.empty();
            case OFFSET -> offset == 0 ? Optional.empty() : Optional.of(new FixedStart(offset));
        };
    }

    private static IllegalArgumentException invalid(String argument, String problem) {
        return new IllegalArgumentException("topic '" + argument + "' is not one of the original's forms (" + problem
                + "); use 'name' (resume from the stored offset), 'name:' (from the oldest offset) or 'name:N'"
                + " (from offset N)");
    }

    /** Start with offset {@code first}: the entry before it counts as applied. Writes nothing. */
    private record FixedStart(long first) implements OffsetCheckpoint {
        @Override
        public OptionalLong lastApplied(Database store) {
            return OptionalLong.of(first - 1);
        }

        @Override
        public void write(KeyValueWriter batch, long offset) {
            throw new UnsupportedOperationException("a fixed start offset is read, never written");
        }

        @Override
        public String toString() {
            return "start offset " + first;
        }
    }
}
