package org.ethercattle.api.log;

import java.util.Objects;

/**
 * One message read from a log.
 *
 * @param position   where it sits
 * @param payload    the bytes the producer appended; owned by the receiver (a fresh array)
 * @param timeMillis when the log accepted it, in Unix milliseconds (Kafka CreateTime, file append
 *                   time), or {@code -1} if the log keeps none
 */
public record LogEntry(Position position, byte[] payload, long timeMillis) {

    public LogEntry {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(payload, "payload");
    }

    @Override
    public String toString() {
        return "LogEntry{" + position + ", " + payload.length + " B}";
    }
}
