package org.ethercattle.core.replay;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.log.LogEntry;
import org.ethercattle.api.log.Position;

/** A real consumer that counts the entries it hands out. */
final class CountingConsumer implements LogConsumer {

    private final LogConsumer consumer;
    long entriesPolled;
    Position firstPolled;

    CountingConsumer(LogConsumer consumer) {
        this.consumer = consumer;
    }

    @Override
    public List<LogEntry> poll(Duration timeout) {
        List<LogEntry> entries = consumer.poll(timeout);
        if (firstPolled == null && !entries.isEmpty()) {
            firstPolled = entries.get(0).position();
        }
        entriesPolled += entries.size();
        return entries;
    }

    @Override
    public String streamId() {
        return consumer.streamId();
    }

    @Override
    public void seek(Position position) {
        consumer.seek(position);
    }

    @Override
    public void seekToStart() {
        consumer.seekToStart();
    }

    @Override
    public Optional<Position> endPosition() {
        return consumer.endPosition();
    }

    @Override
    public Optional<Position> startPosition() {
        return consumer.startPosition();
    }

    @Override
    public Position positionFromBytes(byte[] bytes) {
        return consumer.positionFromBytes(bytes);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
